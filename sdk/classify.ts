/**
 * The SDK's matcher: the shared entry compilation and specificity order (shared/match/compile.ts) with a
 * smaller index than `compileMatcher` (a Map of exact names, then a list of globs), so that the drop-in
 * build stays within its size budget. Same results as `compileMatcher` (test/unit/sdk-classify.test.ts).
 */
import { type CompiledEntry, compareSpecificity, compileEntry } from "../shared/match/compile.ts";
import { domainMatch, normalizeDomain, pathMatch } from "../shared/match/domain.ts";
import type { MatchResult } from "../shared/match/types.ts";
import type { Registry, StorageKind } from "./types.ts";

export type Classify = (
  kind: StorageKind,
  name: string,
  host: string,
  path?: string,
) => MatchResult | undefined;

export function compileClassifier(registry: Pick<Registry, "properties" | "purposes" | "entries">): Classify {
  const props = registry.properties.map(normalizeDomain);
  const exact = new Map<string, CompiledEntry[]>();
  const globs: CompiledEntry[] = [];
  const sorted = registry.entries
    .map((e, i) => compileEntry(registry, e, i))
    .filter((c) => c !== undefined)
    .sort(compareSpecificity);
  for (const c of sorted) {
    const k = `${c.entry.kind}\n${c.prefix}`;
    if (!c.exact) globs.push(c);
    else if (exact.has(k)) exact.get(k)!.push(c);
    else exact.set(k, [c]);
  }
  return (kind, name, rawHost, path = "/") => {
    const host = normalizeDomain(rawHost);
    // Exact entries all rank before globs, and each list is in rank order: the first accepted one wins.
    for (const c of [...(exact.get(`${kind}\n${name}`) ?? []), ...globs])
      if (
        c.entry.kind === kind &&
        (c.domain === undefined ? props.some((p) => domainMatch(host, p)) : domainMatch(host, c.domain)) &&
        (kind !== "cookie" || c.path === undefined || pathMatch(path, c.path)) &&
        // Writes from a page carry no partition key: entries declared `partitioned: true` do not claim them.
        (kind !== "cookie" || !c.partitioned) &&
        c.test(name)
      )
        return { entry: c.entry, index: c.index, category: c.category };
  };
}
