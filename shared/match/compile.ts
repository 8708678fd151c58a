/**
 * Compiles a registry into a Matcher: observed item (kind, name, domain or origin, path, partition) → the
 * declaring entry, or none. See docs/matching.md for the rules and the tie-break.
 *
 * Exact names go through a Map per kind; globs through a GlobIndex (prefix/suffix tries) and a linear-time
 * glob test. Every entry gets a static rank (its specificity, see `compareSpecificity`); the lowest-ranked
 * entry among those that accept the item wins, so the result never depends on iteration order.
 *
 * The SDK bundles this file: it imports no tldts and no valibot (types only).
 */
import type { Category } from "../categories.ts";
import type { Registry, RegistryEntry } from "../registry/schema.ts";
import { domainMatch, hostOf, normalizeDomain, pathMatch } from "./domain.ts";
import { compileParsedGlob, type NameTest, parseGlob } from "./glob.ts";
import { GlobIndex } from "./glob-index.ts";
import type { Matcher, MatchQuery, MatchResult } from "./types.ts";

/** What compiling needs of a registry. */
export type MatchableRegistry = Pick<Registry, "properties" | "purposes" | "entries">;

/** One entry prepared for matching. */
export interface CompiledEntry {
  readonly entry: RegistryEntry;
  readonly index: number;
  readonly category: Category;
  readonly exact: boolean;
  /** Exact: the unescaped name. Glob: the literal before the first star. */
  readonly prefix: string;
  /** Glob: the literal after the last star. */
  readonly suffix: string;
  readonly literalLength: number;
  /** Normalized declared domain, or `undefined` for "any host of `properties`". */
  readonly domain: string | undefined;
  readonly path: string | undefined;
  readonly partitioned: boolean | undefined;
  readonly test: NameTest;
  /** Position in specificity order: lower wins. */
  rank: number;
  /** The frozen result `match` returns for this entry. */
  readonly result: MatchResult;
}

/**
 * Specificity order (most specific first): exact name before glob; more literal characters; a declared
 * domain before none; longer domain; longer path; a declared `partitioned` before none; lower entry index.
 */
export function compareSpecificity(a: CompiledEntry, b: CompiledEntry): number {
  if (a.exact !== b.exact) return a.exact ? -1 : 1;
  if (a.literalLength !== b.literalLength) return b.literalLength - a.literalLength;
  const ad = a.domain === undefined ? -1 : a.domain.length;
  const bd = b.domain === undefined ? -1 : b.domain.length;
  if (ad !== bd) return bd - ad;
  const ap = a.path?.length ?? 0;
  const bp = b.path?.length ?? 0;
  if (ap !== bp) return bp - ap;
  const aq = a.partitioned === undefined ? 0 : 1;
  const bq = b.partitioned === undefined ? 0 : 1;
  if (aq !== bq) return bq - aq;
  return a.index - b.index;
}

/** The entry's category, or its purpose's; `undefined` when neither resolves. */
export function entryCategory(
  registry: Pick<Registry, "purposes">,
  entry: RegistryEntry,
): Category | undefined {
  if (entry.category !== undefined) return entry.category;
  if (entry.purpose === undefined) return undefined;
  const purposes = registry.purposes as Record<string, Registry["purposes"][string] | undefined>;
  return Object.hasOwn(purposes, entry.purpose) ? purposes[entry.purpose]?.category : undefined;
}

/** Prepares one entry; `undefined` when its category cannot be resolved (it then declares nothing). */
export function compileEntry(
  registry: MatchableRegistry,
  entry: RegistryEntry,
  index: number,
): CompiledEntry | undefined {
  const category = entryCategory(registry, entry);
  if (category === undefined) return undefined;
  const glob = parseGlob(entry.name);
  const segs = glob.segments;
  const domain = entry.domain === undefined ? undefined : normalizeDomain(entry.domain);
  const compiled: CompiledEntry = {
    entry,
    index,
    category,
    exact: glob.exact,
    prefix: segs[0]!,
    suffix: glob.exact ? "" : segs[segs.length - 1]!,
    literalLength: glob.literalLength,
    domain: domain === "" ? undefined : domain,
    path: entry.path,
    partitioned: entry.partitioned,
    test: compileParsedGlob(glob),
    rank: 0,
    result: Object.freeze({ entry, index, category }),
  };
  return compiled;
}

interface KindIndex {
  exact: Map<string, CompiledEntry[]>;
  globs: GlobIndex<CompiledEntry>;
}

/** A Matcher that also exposes the compiled entries in specificity order (for tools and docs). */
export interface CompiledMatcher extends Matcher {
  readonly entries: readonly CompiledEntry[];
}

/** Compiles a registry into a Matcher. Never throws on well-typed input; `match` never throws. */
export function compileMatcher(registry: MatchableRegistry): CompiledMatcher {
  const properties: string[] = [];
  for (const p of registry.properties as readonly string[]) {
    const d = normalizeDomain(p);
    if (d !== "") properties.push(d);
  }
  const compiled: CompiledEntry[] = [];
  (registry.entries as readonly RegistryEntry[]).forEach((entry: RegistryEntry, index: number) => {
    const c = compileEntry(registry, entry, index);
    if (c !== undefined) compiled.push(c);
  });
  compiled.sort(compareSpecificity);
  compiled.forEach((c, rank) => {
    c.rank = rank;
  });

  const byKind = new Map<string, KindIndex>();
  for (const c of compiled) {
    let k = byKind.get(c.entry.kind);
    if (k === undefined) {
      k = { exact: new Map(), globs: new GlobIndex() };
      byKind.set(c.entry.kind, k);
    }
    if (c.exact) {
      const list = k.exact.get(c.prefix);
      if (list === undefined) k.exact.set(c.prefix, [c]);
      else list.push(c); // already in rank order
    } else {
      k.globs.add(c);
    }
  }

  // Per-call state of `match` (synchronous, never re-entered): the item's host and, once needed, whether
  // it lies under one of the properties. Kept per matcher, not per module.
  let host: string | undefined;
  let inProperties: boolean | undefined;
  const candidates: CompiledEntry[] = [];
  // Items of one site repeat a handful of cookie domains and origins: remember their hosts (bounded).
  const domainHosts = new Map<string, string | undefined>();
  const originHosts = new Map<string, string | undefined>();
  const hostOfCached = (item: MatchQuery): string | undefined => {
    const isDomain = item.domain !== undefined && item.domain !== "";
    const key = isDomain ? item.domain : item.origin;
    if (key === undefined) return undefined;
    const cache = isDomain ? domainHosts : originHosts;
    let h = cache.get(key);
    if (h === undefined && !cache.has(key)) {
      h = hostOf(item);
      if (cache.size >= 512) cache.clear();
      cache.set(key, h);
    }
    return h;
  };

  /** Whether the entry's domain, path and partition constraints accept the item (the name is checked apart). */
  const accepts = (c: CompiledEntry, item: MatchQuery): boolean => {
    if (host === undefined) {
      // An item with no host can only be claimed by "any host of properties" entries.
      if (c.domain !== undefined) return false;
    } else if (c.domain !== undefined) {
      if (!domainMatch(host, c.domain)) return false;
    } else {
      if (inProperties === undefined) {
        const h = host;
        inProperties = properties.some((p: string) => domainMatch(h, p));
      }
      if (!inProperties) return false;
    }
    if (item.kind === "cookie") {
      if (c.path !== undefined && !pathMatch(item.path || "/", c.path)) return false;
      if (c.partitioned !== undefined) {
        const isPartitioned = item.partitionKey !== undefined && item.partitionKey !== "";
        if (c.partitioned !== isPartitioned) return false;
      }
    }
    return true;
  };

  return {
    entries: compiled,
    match(item: MatchQuery): MatchResult | undefined {
      const k = byKind.get(item.kind);
      const name = item.name;
      if (k === undefined || typeof name !== "string") return undefined;
      host = hostOfCached(item);
      inProperties = undefined;
      const exact = k.exact.get(name);
      if (exact !== undefined) {
        for (const c of exact) if (accepts(c, item)) return c.result;
      }
      let best: CompiledEntry | undefined;
      candidates.length = 0;
      k.globs.collect(name, candidates);
      for (const c of candidates) {
        if (best !== undefined && c.rank >= best.rank) continue;
        if (accepts(c, item) && c.test(name)) best = c;
      }
      candidates.length = 0;
      return best?.result;
    },
  };
}
