import * as v from "valibot";

/** Keys starting with `x-` are extensions: accepted anywhere, never interpreted. */
export function isExtensionKey(key: string): boolean {
  return key.startsWith("x-");
}

/** Levenshtein distance, bounded: returns `limit + 1` as soon as it is exceeded. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** The known key closest to a typo, if it is close enough to be a plausible intent. */
export function suggestKey(typo: string, known: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(typo.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    const distance = editDistance(typo.toLowerCase(), candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * An object schema that rejects unknown keys (typos) but accepts `x-` extension keys.
 * valibot's `strictObject` would reject the extensions and stop at the first unknown key;
 * this reports every unknown key, each with a "did you mean" hint. The output type is the
 * plain object type (no index signature); extension keys stay on the runtime value.
 */
export function ledgerObject<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  const known = Object.keys(entries);
  return v.pipe(
    v.looseObject(entries),
    v.rawCheck(({ dataset, addIssue }) => {
      const value = dataset.value;
      if (!value || typeof value !== "object") return;
      for (const key of Object.keys(value)) {
        if (Object.hasOwn(entries, key) || isExtensionKey(key)) continue;
        const suggestion = suggestKey(key, known);
        addIssue({
          label: "unknown key",
          expected: `one of ${known.join(", ")} (or an "x-" extension key)`,
          received: JSON.stringify(key),
          message: `unknown key ${JSON.stringify(key)}${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
          path: [
            {
              type: "object",
              origin: "key",
              input: value as Record<string, unknown>,
              key,
              value: (value as Record<string, unknown>)[key],
            },
          ],
        });
      }
    }),
    v.transform((value): v.InferOutput<v.ObjectSchema<TEntries, undefined>> => value),
  );
}
