/**
 * The SDK's matcher, written small for the drop-in build's size budget. It follows the shared rules
 * (shared/match: globs with `*` and `\*`, RFC 6265 domain- and path-match, the specificity order of
 * `compareSpecificity`) and is checked against `compileMatcher` by a property test
 * (test/unit/sdk-pure.test.ts). Globs are tested with anchored prefix/suffix checks and a left-to-right
 * `indexOf` per middle segment: no regular expression, no backtracking.
 */
import type { MatchResult } from "../shared/match/types.ts";
import type { Registry, StorageKind } from "./types.ts";

export type Classify = (
  kind: StorageKind,
  name: string,
  host: string,
  path?: string,
) => MatchResult | undefined;

/** A compiled entry is its own match result (callers only read `entry`, `index`, `category`). */
interface Compiled extends MatchResult {
  /** Literal segments between stars. */
  s: string[];
  /** Literal length. */
  l: number;
  /** Normalised declared domain. */
  d?: string;
}

const norm = (d: string) =>
  d
    .trim()
    .toLowerCase()
    .replace(/^\.|\.$/g, "");

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

/** Glob test for entries with at least one star (exact names are looked up by name). */
function test({ s, l }: Compiled, n: string): boolean {
  const last = s[s.length - 1]!;
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
  registry.entries.forEach((entry, index) => {
    const category = entry.category ?? (entry.purpose && registry.purposes[entry.purpose]?.category);
    const s = parse(entry.name);
    if (category)
      list.push({ entry, index, category, s, l: s.join("").length, d: entry.domain && norm(entry.domain) });
  });
  // Most specific first: exact name; more literal characters; longer declared domain; longer path;
  // a declared `partitioned`; then registry order.
  const dl = (x: Compiled) => (x.d ? x.d.length : -1);
  const pl = (x: Compiled) => x.entry.path?.length ?? 0;
  const pq = (x: Compiled) => +(x.entry.partitioned !== undefined);
  list.sort(
    (a, b) =>
      +(b.s.length < 2) - +(a.s.length < 2) ||
      b.l - a.l ||
      dl(b) - dl(a) ||
      pl(b) - pl(a) ||
      pq(b) - pq(a) ||
      a.index - b.index,
  );
  for (const c of list) {
    const k = c.s[0]!;
    if (c.s[1] !== undefined) globs.push(c);
    else exact.set(k, [...(exact.get(k) ?? []), c]);
  }
  let lastRaw: string | undefined;
  let host = "";
  let ip = false;
  let inProps = false;
  /** RFC 6265 domain-match of the current host; IP addresses only match themselves. */
  const under = (d: string) => host === d || (!ip && host.endsWith(`.${d}`));
  const first = (list: Compiled[] | undefined, kind: StorageKind, name: string, path: string, glob?: 1) =>
    list?.find(
      (c) =>
        c.entry.kind === kind &&
        (c.d ? under(c.d) : inProps) &&
        (kind !== "cookie" || ((!c.entry.path || pathIn(path, c.entry.path)) && !c.entry.partitioned)) &&
        (!glob || test(c, name)),
    );
  return (kind, name, rawHost, path = "/") => {
    if (rawHost !== lastRaw) {
      lastRaw = rawHost;
      host = norm(rawHost);
      ip = /^(\d{1,3}\.){3}\d{1,3}$|:/.test(host);
      inProps = props.some(under);
    }
    // Exact entries all rank before globs, and each list is in rank order: the first accepted one wins.
    return first(exact.get(name), kind, name, path) ?? first(globs, kind, name, path, 1);
  };
}
