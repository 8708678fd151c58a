/**
 * Registry name globs (DESIGN.md, "Registry"): `*` matches any run of characters (including none),
 * `\*` is a literal star and `\\` a literal backslash; any other backslash is itself.
 *
 * A glob compiles into literal segments split at its stars. The first and last segments are anchored
 * (prefix / suffix checks); the middle ones are found leftmost-first with Knuth–Morris–Pratt, each search
 * starting where the previous match ended. The whole match is O(name + glob) and never backtracks.
 * No RegExp is ever built from a pattern. Pure: no DOM, no Node, no third-party imports (the SDK bundles it).
 *
 * Matching calls no method a page can replace: the String methods it needs are captured when this module is
 * evaluated (the extension's guard evaluates it at document_start, before any page script) and called
 * through a captured `Function.prototype.call` bound to each (`code(s, i)` = native `s.charCodeAt(i)`).
 * A page that later replaces `String.prototype.startsWith`, `charCodeAt`, `Function.prototype.call` or
 * `Reflect.apply` changes nothing here.
 */

type Uncurried<A extends unknown[], R> = (self: string, ...args: A) => R;
const uncurry = <A extends unknown[], R>(method: (this: string, ...args: A) => R) =>
  Function.prototype.call.bind(method) as unknown as Uncurried<A, R>;
const code = uncurry(String.prototype.charCodeAt);
const startsWith = uncurry(String.prototype.startsWith);
const endsWith = uncurry(String.prototype.endsWith);

/** A parsed glob. `segments.length === stars + 1` after collapsing runs of stars. */
export interface GlobPattern {
  /** The pattern as written. */
  readonly source: string;
  /** `true` when the pattern has no unescaped star: it matches exactly `segments[0]`. */
  readonly exact: boolean;
  /** Unescaped literal runs between stars; first and last may be empty (a leading / trailing star). */
  readonly segments: readonly string[];
  /** Total literal characters (the glob's specificity). */
  readonly literalLength: number;
}

/** Parses a glob into literal segments, resolving `\*` and `\\`. Never throws. */
export function parseGlob(pattern: string): GlobPattern {
  const segments: string[] = [];
  let current = "";
  let stars = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === "*" || next === "\\") {
        current += next;
        i++;
      } else {
        current += ch;
      }
    } else if (ch === "*") {
      stars++;
      // A run of stars is one star: an empty middle segment adds nothing.
      if (current !== "" || segments.length === 0) segments.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  segments.push(current);
  let literalLength = 0;
  for (const s of segments) literalLength += s.length;
  return { source: pattern, exact: stars === 0, segments, literalLength };
}

/** Unescapes a star-free pattern into the exact name it denotes. */
export function unescapeGlob(pattern: string): string {
  return parseGlob(pattern).segments.join("*");
}

/** `true` when `pattern` contains an unescaped star. */
export function isGlob(pattern: string): boolean {
  return !parseGlob(pattern).exact;
}

/** KMP failure table: `fail[i]` = length of the longest proper border of `needle[0..i]`. */
function failureTable(needle: string): Int32Array {
  const fail = new Int32Array(needle.length);
  let k = 0;
  for (let i = 1; i < needle.length; i++) {
    const c = code(needle, i);
    while (k > 0 && code(needle, k) !== c) k = fail[k - 1]!;
    if (code(needle, k) === c) k++;
    fail[i] = k;
  }
  return fail;
}

/** Index just past the leftmost occurrence of `needle` in `text[from, to)`, or -1. Linear in `to - from`. */
function kmpFindEnd(text: string, from: number, to: number, needle: string, fail: Int32Array): number {
  const m = needle.length;
  let k = 0;
  for (let i = from; i < to; i++) {
    const c = code(text, i);
    while (k > 0 && code(needle, k) !== c) k = fail[k - 1]!;
    if (code(needle, k) === c) {
      k++;
      if (k === m) return i + 1;
    }
    // Not enough text left for the rest of the needle.
    if (to - i - 1 < m - k) return -1;
  }
  return -1;
}

export type NameTest = (name: string) => boolean;

/** Compiles a parsed glob into a linear-time predicate. */
export function compileParsedGlob(glob: GlobPattern): NameTest {
  const segs = glob.segments;
  if (glob.exact) {
    const literal = segs[0]!;
    return (name) => name === literal;
  }
  const first = segs[0]!;
  const last = segs[segs.length - 1]!;
  const middle = segs.slice(1, -1);
  const minLength = glob.literalLength;
  if (middle.length === 0) {
    return (name) => name.length >= minLength && startsWith(name, first) && endsWith(name, last);
  }
  const tables = middle.map(failureTable);
  return (name) => {
    if (name.length < minLength || !startsWith(name, first) || !endsWith(name, last)) return false;
    let pos = first.length;
    const end = name.length - last.length;
    for (let s = 0; s < middle.length; s++) {
      pos = kmpFindEnd(name, pos, end, middle[s]!, tables[s]!);
      if (pos < 0) return false;
    }
    return true;
  };
}

/** Compiles a glob pattern into `(name) => boolean`, linear in name + pattern. Never throws. */
export function compileGlob(pattern: string): NameTest {
  return compileParsedGlob(parseGlob(pattern));
}
