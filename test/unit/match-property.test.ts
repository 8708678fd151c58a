import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMatcher } from "../../shared/match/compile.ts";
import type { MatchQuery } from "../../shared/match/types.ts";
import type { RegistryEntry } from "../../shared/registry/schema.ts";

const PROPERTIES = ["dingtalk.com", "dingding.xin"];

/** Reference glob: tokenize then backtrack-free recursion with memo (obviously correct, slow). */
function globRef(pattern: string, name: string): boolean {
  const toks: Array<string | null> = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && (pattern[i + 1] === "*" || pattern[i + 1] === "\\")) toks.push(pattern[++i]!);
    else toks.push(c === "*" ? null : c);
  }
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (toks.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (j === toks.length) r = i === name.length;
    else if (toks[j] === null) r = go(i, j + 1) || (i < name.length && go(i + 1, j));
    else r = i < name.length && name[i] === toks[j] && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

const under = (host: string, d: string) => host === d || host.endsWith(`.${d}`);

/** Slow reference: test every entry, then sort the survivors by the documented specificity. */
function referenceMatch(entries: RegistryEntry[], item: MatchQuery): number | undefined {
  const host = item.domain?.replace(/^\./, "") ?? item.origin?.replace(/^https:\/\//, "");
  const survivors: number[] = [];
  entries.forEach((e, i) => {
    if (e.kind !== item.kind || !globRef(e.name, item.name)) return;
    const d = e.domain?.replace(/^\./, "");
    if (d !== undefined && (host === undefined || !under(host, d))) return;
    if (d === undefined && host !== undefined && !PROPERTIES.some((p) => under(host, p))) return;
    if (item.kind === "cookie") {
      const p = item.path ?? "/";
      if (
        e.path !== undefined &&
        !(p === e.path || p.startsWith(e.path.endsWith("/") ? e.path : `${e.path}/`))
      )
        return;
      if (e.partitioned !== undefined && e.partitioned !== (item.partitionKey !== undefined)) return;
    }
    survivors.push(i);
  });
  const key = (i: number) => {
    const e = entries[i]!;
    const literal = e.name.replace(
      /\\([*\\])|\*/g,
      (_m: string, esc: string | undefined) => esc ?? "",
    ).length;
    return [
      /(^|[^\\])(\\\\)*\*/.test(e.name) ? 1 : 0,
      -literal,
      -(e.domain === undefined ? -1 : e.domain.replace(/^\./, "").length),
      -(e.path?.length ?? 0),
      e.partitioned === undefined ? 1 : 0,
      i,
    ];
  };
  survivors.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return ka[k]! - kb[k]!;
    return 0;
  });
  return survivors[0];
}

const chars = (alphabet: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(""));
const entryArb = (names: fc.Arbitrary<string>) =>
  fc.record(
    {
      kind: fc.constantFrom("cookie", "localStorage"),
      name: names,
      domain: fc.constantFrom(".dingtalk.com", "dingtalk.com", "im.dingtalk.com", "x.com"),
      path: fc.constantFrom("/", "/a", "/a/", "/a/b"),
      partitioned: fc.boolean(),
      category: fc.constantFrom("necessary", "analytics"),
    },
    { requiredKeys: ["kind", "name", "category"] },
  ) as fc.Arbitrary<RegistryEntry>;
const hostArb = fc.constantFrom(
  "dingtalk.com",
  "im.dingtalk.com",
  "a.im.dingtalk.com",
  "dingding.xin",
  "x.com",
  "y.com",
);
const itemArb = (names: fc.Arbitrary<string>): fc.Arbitrary<MatchQuery> =>
  fc
    .record(
      {
        kind: fc.constantFrom("cookie", "localStorage"),
        name: names,
        host: hostArb,
        path: fc.constantFrom("/", "/a", "/a/b", "/ab"),
        partitionKey: fc.constant("https://dingtalk.com"),
      },
      { requiredKeys: ["kind", "name"] },
    )
    .map(({ host, ...rest }) =>
      rest.kind === "cookie"
        ? { ...rest, ...(host === undefined ? {} : { domain: host }) }
        : { kind: rest.kind, name: rest.name, ...(host === undefined ? {} : { origin: `https://${host}` }) },
    );

describe("compileMatcher against a slow reference", () => {
  const agree = (entries: RegistryEntry[], items: MatchQuery[]) => {
    const m = compileMatcher({ properties: PROPERTIES, purposes: {}, entries });
    for (const item of items) expect(m.match(item)?.index).toBe(referenceMatch(entries, item));
  };

  it("agrees on random registries and items", () => {
    const entries = fc.array(entryArb(chars(["a", "b", "_", "*", "\\"], 1, 6)), { maxLength: 25 });
    const items = fc.array(itemArb(chars(["a", "b", "_", "*", "\\"], 0, 8)), { minLength: 1, maxLength: 20 });
    fc.assert(fc.property(entries, items, agree), { numRuns: 500 });
  });

  it("agrees when many entries compete for the same names (tie-breaks)", () => {
    const entries = fc.array(entryArb(chars(["a", "*"], 1, 3)), { minLength: 2, maxLength: 12 });
    const items = fc.array(itemArb(chars(["a"], 0, 3)), { minLength: 1, maxLength: 10 });
    fc.assert(fc.property(entries, items, agree), { numRuns: 500 });
  });

  it("never throws, whatever the names and hosts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.string({ minLength: 1 }), domain: fc.string() }), { maxLength: 10 }),
        fc.string(),
        fc.string(),
        fc.string(),
        (raw, name, domain, origin) => {
          const entries = raw.map((r) => ({
            kind: "cookie" as const,
            name: r.name,
            domain: r.domain,
            category: "necessary" as const,
          }));
          const m = compileMatcher({ properties: [domain || "a.b"], purposes: {}, entries });
          m.match({ kind: "cookie", name, domain });
          m.match({ kind: "cookie", name, origin, path: origin });
        },
      ),
      { numRuns: 500 },
    );
  });
});
