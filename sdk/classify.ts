/**
 * The SDK's matcher, written small for the drop-in build's size budget. It follows the shared rules
 * (shared/match: globs with `*` and `\*`, RFC 6265 domain- and path-match, the specificity order of
 * `compareSpecificity`) and is checked against `compileMatcher` by a property test
 * (test/unit/sdk-pure.test.ts). Globs are tested with anchored prefix/suffix checks and a left-to-right
 * `indexOf` per middle segment: no regular expression, no backtracking. Exact names are looked up by name.
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
  /** Rank keys (compileClassifier). */
  k: number[];
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
  const s = [""];
  // One split (no per-character work): odd pieces are the separators, a star or an escaped star or backslash.
  g.split(/(\\[*\\]|\*)/).forEach((x, i) => {
    if (x === "*") s.push("");
    else s.push(s.pop()! + (i % 2 ? x[1]! : x));
  });
  return s;
}

/** Glob test of a name at least as long as the glob's literal characters, left to right (globs only). */
function test(s: string[], n: string): boolean {
  const z = s.length - 1;
  let p = s[0]!.length;
  if (!n.startsWith(s[0]!)) return false;
  for (let k = 1; k < z; k++) {
    p = n.indexOf(s[k]!, p);
    if (p < 0) return false;
    p += s[k]!.length;
  }
  // The last segment ends the name without overlapping what matched before it.
  return n.endsWith(s[z]!) && n.length - s[z]!.length >= p;
}

export function compileClassifier(registry: Pick<Registry, "properties" | "purposes" | "entries">): Classify {
  const props = registry.properties.map(norm);
  const list: Compiled[] = [];
  registry.entries.forEach((entry, index) => {
    const category = entry.category ?? (entry.purpose && registry.purposes[entry.purpose]?.category);
    const s = parse(entry.name);
    const d = entry.domain && norm(entry.domain);
    // Rank keys, larger first: literal characters; declared domain length; path length; a declared
    // `partitioned`; then registry order (exact names rank before globs, which are kept apart). Compared
    // in a loop: the sort allocates nothing.
    const k = [
      s.join("").length,
      d ? d.length : -1,
      entry.path?.length ?? 0,
      +(entry.partitioned !== undefined),
      -index,
    ];
    if (category) list.push({ entry, index, category, s, k, d });
  });
  // Most specific first.
  list.sort((a, b) => {
    for (let i = 0; ; i++) if (b.k[i] !== a.k[i]) return b.k[i]! - a.k[i]!;
  });
  // Exact names by name, then the globs; each list in rank order.
  const by = new Map<string, Compiled[]>();
  const globs: Compiled[] = [];
  for (const c of list) {
    const k = c.s[0]!;
    if (c.s[1] !== undefined) globs.push(c);
    else by.get(k)?.push(c) ?? by.set(k, [c]);
  }
  let lastRaw: string | undefined;
  let host = "";
  let ip = false;
  let inProps = false;
  /** RFC 6265 domain-match of the current host; IP addresses only match themselves. */
  const under = (d: string) => host === d || (!ip && host.endsWith(`.${d}`));
  const first = (l: Compiled[] | undefined, kind: StorageKind, name: string, path: string, glob?: 1) =>
    l?.find(
      (c) =>
        c.entry.kind === kind &&
        (c.d ? under(c.d) : inProps) &&
        (kind !== "cookie" || ((!c.entry.path || pathIn(path, c.entry.path)) && !c.entry.partitioned)) &&
        (!glob || (name.length >= c.k[0]! && test(c.s, name))),
    );
  return (kind, name, rawHost, path = "/") => {
    if (rawHost !== lastRaw) {
      lastRaw = rawHost;
      host = norm(rawHost);
      ip = /^(\d{1,3}\.){3}\d{1,3}$|:/.test(host);
      inProps = props.some(under);
    }
    // Exact entries all rank before globs: the first accepted one wins.
    return first(by.get(name), kind, name, path) ?? first(globs, kind, name, path, 1);
  };
}
