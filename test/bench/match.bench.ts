// `npm run bench match`: 10,000 observed items against 5,000 declared entries (mixed exact and glob),
// compiled matcher vs a naive loop of RegExps over the same entries in the same run.
// Targets (issue 2): match-all ≤ 10 ms, ≥ 50× faster than naive.
import { availableParallelism, cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { compileMatcher, type MatchableRegistry } from "../../shared/match/compile.ts";
import { domainMatch, hostOf, normalizeDomain, pathMatch } from "../../shared/match/domain.ts";
import { parseGlob } from "../../shared/match/glob.ts";
import type { MatchQuery } from "../../shared/match/types.ts";
import type { RegistryEntry, StorageKind } from "../../shared/registry/schema.ts";

const ENTRIES = 5_000;
const ITEMS = 10_000;

/** Deterministic PRNG (mulberry32) so every run measures the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20261125);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const word = (n: number) =>
  Array.from({ length: n }, () => pick([..."abcdefghijklmnopqrstuvwxyz0123456789"])).join("");

const PROPERTIES = ["dingtalk.com", "dingding.xin"];
const FIRST_PARTY_HOSTS = ["www.dingtalk.com", "im.dingtalk.com", "h5.dingtalk.com", "club.dingding.xin"];
const THIRD_PARTIES = Array.from({ length: 40 }, (_, i) => `vendor${i}.example`);
const KINDS: StorageKind[] = ["cookie", "cookie", "cookie", "localStorage", "sessionStorage", "indexedDB"];

interface Declared {
  entry: RegistryEntry;
  /** A name this entry declares (for generating hits). */
  sample: string;
}

function makeEntries(): Declared[] {
  const out: Declared[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const kind = pick(KINDS);
    const id = `${word(3)}${i}`;
    const domain = pick([undefined, undefined, "dingtalk.com", "im.dingtalk.com", pick(THIRD_PARTIES)]);
    let name: string;
    let sample: string;
    const shape = i % 10;
    if (shape < 5) {
      name = `ck_${id}`;
      sample = name;
    } else if (shape < 7) {
      name = `${id}_*`;
      sample = `${id}_${word(8)}`;
    } else if (shape < 8) {
      name = `*_${id}`;
      sample = `${word(6)}_${id}`;
    } else if (shape < 9) {
      name = `mp_${id}_*_mixpanel`;
      sample = `mp_${id}_${word(10)}_mixpanel`;
    } else if (i % 500 === 9) {
      name = `*dbg${id}*`; // no anchored literal: goes to the scan list (rare in real registries)
      sample = `x_dbg${id}_y`;
    } else {
      name = `${id}.*.*-v*`;
      sample = `${id}.${word(4)}.${word(5)}-v${word(2)}`;
    }
    const entry: RegistryEntry = {
      kind,
      name,
      category: pick(["necessary", "functional", "analytics", "marketing"]),
    };
    if (domain !== undefined) entry.domain = domain;
    if (kind === "cookie" && rand() < 0.1) entry.path = "/app";
    out.push({ entry, sample });
  }
  return out;
}

function makeItems(declared: Declared[]): MatchQuery[] {
  const items: MatchQuery[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const d = pick(declared);
    const miss = rand() < 0.2;
    const kind = d.entry.kind;
    const name = miss ? `undeclared_${word(10)}` : d.sample;
    const host = d.entry.domain ?? pick(FIRST_PARTY_HOSTS);
    const item: MatchQuery =
      kind === "cookie"
        ? { kind, name, domain: host, path: pick(["/", "/app", "/app/x"]) }
        : { kind, name, origin: `https://${host}` };
    items.push(item);
  }
  return items;
}

/** The naive approach: one anchored RegExp per entry, tried in specificity order, first acceptance wins. */
function naiveMatcher(registry: MatchableRegistry, order: readonly number[]) {
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  const rules = order.map((index) => {
    const e = registry.entries[index]!;
    const re = new RegExp(`^${parseGlob(e.name).segments.map(escapeRegExp).join("[\\s\\S]*")}$`);
    return { index, e, re, domain: e.domain === undefined ? undefined : normalizeDomain(e.domain) };
  });
  return (item: MatchQuery): number | undefined => {
    const host = hostOf(item);
    for (const r of rules) {
      if (r.e.kind !== item.kind || !r.re.test(item.name)) continue;
      if (
        r.domain !== undefined
          ? !domainMatch(host ?? "", r.domain)
          : !PROPERTIES.some((p) => domainMatch(host ?? "", p))
      )
        continue;
      if (item.kind === "cookie" && r.e.path !== undefined && !pathMatch(item.path || "/", r.e.path))
        continue;
      return r.index;
    }
    return undefined;
  };
}

function best(runs: number, fn: () => void): number {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const declared = makeEntries();
const registry: MatchableRegistry = {
  properties: PROPERTIES,
  purposes: {},
  entries: declared.map((d) => d.entry),
};
const items = makeItems(declared);
const globs = registry.entries.filter((e) => !parseGlob(e.name).exact).length;

let matcher = compileMatcher(registry);
const compileMs = best(10, () => {
  matcher = compileMatcher(registry);
});
const results: (number | undefined)[] = new Array(items.length);
const matchAll = () => {
  for (let i = 0; i < items.length; i++) results[i] = matcher.match(items[i]!)?.index;
};
best(5, matchAll); // warm-up
const matchMs = best(20, matchAll);

const naive = naiveMatcher(
  registry,
  matcher.entries.map((c) => c.index),
);
const naiveResults: (number | undefined)[] = new Array(items.length);
const naiveAll = () => {
  for (let i = 0; i < items.length; i++) naiveResults[i] = naive(items[i]!);
};
for (let i = 0; i < 300; i++) naive(items[i]!); // warm-up
const naiveMs = best(2, naiveAll);

let disagreements = 0;
for (let i = 0; i < items.length; i++) if (results[i] !== naiveResults[i]) disagreements++;
const matched = results.filter((r) => r !== undefined).length;

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(`machine: ${cpu}, ${availableParallelism()} cores, Node ${process.version}`);
console.log(
  `entries: ${ENTRIES} (${ENTRIES - globs} exact, ${globs} globs); items: ${ITEMS} (${matched} matched)`,
);
console.log(`compile:            ${compileMs.toFixed(2)} ms (best of 10)`);
console.log(`match all (index):  ${matchMs.toFixed(2)} ms (best of 20 after warm-up)  target ≤ 10 ms`);
console.log(`match all (naive):  ${naiveMs.toFixed(1)} ms (RegExp per entry, best of 2)`);
console.log(`ratio:              ${(naiveMs / matchMs).toFixed(0)}× faster  target ≥ 50×`);
if (disagreements > 0) {
  console.error(`ERROR: matcher and naive loop disagree on ${disagreements} items`);
  process.exitCode = 1;
}
