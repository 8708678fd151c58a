import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGlob, isGlob, parseGlob, unescapeGlob } from "../../shared/match/glob.ts";

/** Obviously-correct reference: tokenize, then dynamic programming over (name position, token position). */
function referenceGlob(pattern: string, name: string): boolean {
  const tokens: Array<{ star: true } | { star: false; ch: string }> = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const next = pattern[i + 1];
    if (ch === "\\" && (next === "*" || next === "\\")) {
      tokens.push({ star: false, ch: next });
      i++;
    } else if (ch === "*") tokens.push({ star: true });
    else tokens.push({ star: false, ch });
  }
  // can[i][j]: name[i..] matches tokens[j..]
  const n = name.length;
  const m = tokens.length;
  const can: boolean[][] = Array.from({ length: n + 1 }, () => new Array<boolean>(m + 1).fill(false));
  can[n]![m] = true;
  for (let i = n; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const t = tokens[j]!;
      if (t.star) can[i]![j] = can[i]![j + 1]! || (i < n && can[i + 1]![j]!);
      else can[i]![j] = i < n && name[i] === t.ch && can[i + 1]![j + 1]!;
    }
  }
  return can[0]![0]!;
}

describe("parseGlob", () => {
  it("splits at stars and resolves escapes", () => {
    expect(parseGlob("_ga_*").segments).toEqual(["_ga_", ""]);
    expect(parseGlob("mp_*_mixpanel").segments).toEqual(["mp_", "_mixpanel"]);
    expect(parseGlob("a**b").segments).toEqual(["a", "b"]);
    expect(parseGlob("*").segments).toEqual(["", ""]);
    expect(parseGlob("a\\*b")).toMatchObject({ exact: true, segments: ["a*b"], literalLength: 3 });
    expect(parseGlob("a\\\\*")).toMatchObject({ exact: false, segments: ["a\\", ""] });
    expect(parseGlob("a\\b").segments).toEqual(["a\\b"]);
    expect(parseGlob("x*y*z").literalLength).toBe(3);
  });
  it("tells exact names from globs", () => {
    expect(isGlob("t")).toBe(false);
    expect(isGlob("a\\*")).toBe(false);
    expect(isGlob("a*")).toBe(true);
    expect(unescapeGlob("a\\*b\\\\c")).toBe("a*b\\c");
  });
});

describe("compileGlob", () => {
  it("matches the design's examples", () => {
    expect(compileGlob("_ga_*")("_ga_ABC123")).toBe(true);
    expect(compileGlob("_ga_*")("_ga_")).toBe(true);
    expect(compileGlob("_ga_*")("_ga")).toBe(false);
    expect(compileGlob("mp_*_mixpanel")("mp_0123_mixpanel")).toBe(true);
    expect(compileGlob("mp_*_mixpanel")("mp_mixpanel")).toBe(false);
    expect(compileGlob("a\\*")("a*")).toBe(true);
    expect(compileGlob("a\\*")("ab")).toBe(false);
    expect(compileGlob("*x*y*")("0x1y2")).toBe(true);
    expect(compileGlob("*x*y*")("0y1x2")).toBe(false);
    expect(compileGlob("ab*ba")("aba")).toBe(false);
  });

  it("does not overlap a middle segment with the suffix", () => {
    expect(compileGlob("*ab*b")("ab")).toBe(false);
    expect(compileGlob("*ab*b")("xab")).toBe(false);
    expect(compileGlob("*ab*b")("abb")).toBe(true);
  });

  it("finishes on the pathological pattern against 10,000 characters", () => {
    const test = compileGlob("a*a*a*a*a*a*a*a*a*a*a*a*b");
    expect(test("a".repeat(10_000))).toBe(false);
    expect(test(`${"a".repeat(10_000)}b`)).toBe(true);
    expect(compileGlob("*aaaaaaaaab*")(`${"a".repeat(10_000)}`)).toBe(false);
  });

  it("agrees with the reference on random globs and names over a small alphabet", () => {
    const alphabet = fc.constantFrom("a", "b", "*", "\\");
    const str = (max: number) => fc.array(alphabet, { maxLength: max }).map((a) => a.join(""));
    fc.assert(
      fc.property(str(10), str(14), (pattern, name) => {
        expect(compileGlob(pattern)(name)).toBe(referenceGlob(pattern, name));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with the reference when names are built to match", () => {
    const lit = fc.array(fc.constantFrom("a", "b", "c"), { maxLength: 4 }).map((a) => a.join(""));
    fc.assert(
      fc.property(
        fc.array(lit, { minLength: 1, maxLength: 5 }),
        fc.array(lit, { maxLength: 6 }),
        (segs, fill) => {
          const pattern = segs.join("*");
          const name = segs.map((s, i) => (i === 0 ? s : (fill[i] ?? "") + s)).join("");
          expect(referenceGlob(pattern, name)).toBe(true);
          expect(compileGlob(pattern)(name)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), (pattern, name) => {
        expect(typeof compileGlob(pattern)(name)).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});
