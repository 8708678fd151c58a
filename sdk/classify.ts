/**
 * The SDK's matcher, written small for the drop-in build's size budget. It follows the shared rules
 * (shared/match: globs with `*` and `\*`, RFC 6265 domain- and path-match, the specificity order of
 * `compareSpecificity`) and is checked against `compileMatcher` by a property test
 * (test/unit/sdk-pure.test.ts). Globs are tested with anchored prefix/suffix checks and a left-to-right
 * `indexOf` per middle segment: no regular expression, no backtracking.
 */
import type { MatchResult } from "../shared/match/types.ts";
import type { Registry, RegistryEntry, StorageKind } from "./types.ts";

export type Classify = (
  kind: StorageKind,
  name: string,
  host: string,
  path?: string,
) => MatchResult | undefined;

interface Compiled {
  e: RegistryEntry;
  i: number;
  c: MatchResult["category"];
  /** Literal segments between stars. */
  s: string[];
  /** Literal length. */
  l: number;
  d?: string;
}

const norm = (d: string) =>
  d
    .trim()
    .toLowerCase()
    .replace(/^\.|\.$/g, "");
/** RFC 6265 domain-match; IP addresses only match themselves. */
const under = (h: string, d: string) =>
  h === d || (h.endsWith(`.${d}`) && !/^(\d{1,3}\.){3}\d{1,3}$|:/.test(h));
/** RFC 6265 path-match. */
const pathIn = (p: string, c: string) =>
  p === c || (p.startsWith(c) && (c.endsWith("/") || p[c.length] === "/"));

function parse(g: string): string[] {
  const s: string[] = [];
  let cur = "";
  for (let i = 0; i < g.length; i++) {
    const ch = g[i];
    if (ch === "*") {
      s.push(cur);
      cur = "";
    } else cur += ch === "\\" && (g[i + 1] === "*" || g[i + 1] === "\\") ? g[++i] : ch;
  }
  s.push(cur);
  return s;
}

function test({ s, l }: Compiled, n: string): boolean {
  const last = s[s.length - 1]!;
  if (s.length < 2) return n === last;
  if (n.length < l || !n.startsWith(s[0]!) || !n.endsWith(last)) return false;
  let p = s[0]!.length;
  const end = n.length - last.length;
  for (let k = 1; k < s.length - 1; k++) {
    const j = n.indexOf(s[k]!, p);
    if (j < 0 || j + s[k]!.length > end) return false;
    p = j + s[k]!.length;
  }
  return true;
}

export function compileClassifier(registry: Pick<Registry, "properties" | "purposes" | "entries">): Classify {
  const props = registry.properties.map(norm);
  const exact = new Map<string, Compiled[]>();
  const globs: Compiled[] = [];
  const list: Compiled[] = [];
  registry.entries.forEach((e, i) => {
    const c = e.category ?? (e.purpose ? registry.purposes[e.purpose]?.category : undefined);
    const s = parse(e.name);
    if (c) list.push({ e, i, c, s, l: s.join("").length, d: (e.domain && norm(e.domain)) || undefined });
  });
  // Most specific first: exact name; more literal characters; longer declared domain; longer path;
  // a declared `partitioned`; then registry order.
  const dl = (x: Compiled) => (x.d ? x.d.length : -1);
  const pl = (x: Compiled) => x.e.path?.length ?? 0;
  const pq = (x: Compiled) => +(x.e.partitioned !== undefined);
  list.sort(
    (a, b) =>
      +(b.s.length < 2) - +(a.s.length < 2) ||
      b.l - a.l ||
      dl(b) - dl(a) ||
      pl(b) - pl(a) ||
      pq(b) - pq(a) ||
      a.i - b.i,
  );
  for (const c of list) {
    const k = c.s[0]!;
    if (c.s.length > 1) globs.push(c);
    else exact.set(k, [...(exact.get(k) ?? []), c]);
  }
  let lastRaw: string | undefined;
  let host = "";
  let inProps = false;
  // Domain-match results for the current host, by declared domain.
  let seen = new Map<string, boolean>();
  const inDomain = (d: string) => {
    let r = seen.get(d);
    if (r === undefined) {
      r = under(host, d);
      seen.set(d, r);
    }
    return r;
  };
  const accepts = (c: Compiled, kind: StorageKind, name: string, path: string) =>
    c.e.kind === kind &&
    (c.d ? inDomain(c.d) : inProps) &&
    (kind !== "cookie" || ((!c.e.path || pathIn(path, c.e.path)) && !c.e.partitioned)) &&
    test(c, name);
  const first = (list: Compiled[] | undefined, kind: StorageKind, name: string, path: string) => {
    if (list) for (const x of list) if (accepts(x, kind, name, path)) return x;
  };
  return (kind, name, rawHost, path = "/") => {
    if (rawHost !== lastRaw) {
      lastRaw = rawHost;
      host = norm(rawHost);
      seen = new Map();
      inProps = props.some((p) => under(host, p));
    }
    // Exact entries all rank before globs, and each list is in rank order: the first accepted one wins.
    const c = first(exact.get(name), kind, name, path) ?? first(globs, kind, name, path);
    return c && { entry: c.e, index: c.i, category: c.c };
  };
}
