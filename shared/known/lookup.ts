/**
 * Known cookies from the Open Cookie Database (compiled by scripts/build-known.ts into
 * open-cookie-database.generated.json). The last resort of classification (DESIGN.md, "Observed items"):
 * name **and** domain wherever the database gives a domain; name alone only for distinctive names.
 * See docs/matching.md, "Known cookies".
 */
import type { Category } from "../categories.ts";
import { domainMatch, hostFromOrigin, normalizeDomain } from "../match/domain.ts";
import type { KnownData, KnownRow } from "./data.ts";

export type KnownMatchKind = "name-and-domain" | "name-prefix" | "name-only";

export interface KnownCookie {
  /** The exact name, or the prefix of a wildcard row, as the database lists it. */
  name: string;
  platform: string;
  category: Category;
  description: string;
  /** Retention period as free text (`2 years`, `session`). */
  retention: string;
  controller: string;
  privacyUrl: string;
  /** The database's domains for the row (empty: any domain). */
  domains: readonly string[];
  matchedBy: KnownMatchKind;
}

export interface KnownCookies {
  /**
   * Looks a name up. `domain` is a cookie domain (leading dot optional), a host or an origin; without one,
   * only domain-less rows can answer.
   */
  lookup(name: string, domain?: string): KnownCookie | undefined;
  /** Number of rows in the data. */
  readonly size: number;
}

/**
 * Whether a name (or a wildcard row's prefix) is distinctive enough to classify without a domain:
 * at least 4 characters, or 3 starting with `_` (a script's namespaced cookie such as `_ga`). Generic
 * short names (`t`, `l`, `id`, `sid`, `uid`, `mp_`) are chosen independently by many sites.
 */
export function isDistinctiveName(name: string): boolean {
  return name.length >= 4 || (name.length === 3 && name.charCodeAt(0) === 95); /* _ */
}

interface Row {
  row: KnownRow;
  name: string;
  domains: readonly string[];
}

/** Builds the lookup over compiled data (shared/known/open-cookie-database.generated.json). */
export function createKnownCookies(data: KnownData): KnownCookies {
  const exact = new Map<string, Row[]>();
  const prefixes: Row[] = [];
  for (const row of data.rows) {
    const r: Row = { row, name: row[0], domains: row[1] };
    if (row[2] === 1) prefixes.push(r);
    else {
      const list = exact.get(r.name);
      if (list === undefined) exact.set(r.name, [r]);
      else list.push(r);
    }
  }
  // Longest prefix first; the sort is stable, so equal lengths keep the database's order.
  prefixes.sort((a, b) => b.name.length - a.name.length);

  const str = (k: number) => data.strings[k] ?? "";
  const toKnown = (r: Row, matchedBy: KnownMatchKind): KnownCookie => ({
    name: r.name,
    platform: str(r.row[4]),
    category: r.row[3],
    description: r.row[5],
    retention: str(r.row[6]),
    controller: str(r.row[7]),
    privacyUrl: str(r.row[8]),
    domains: r.domains,
    matchedBy,
  });

  /** Length of the longest of the row's domains that `host` lies under, or -1. */
  const domainScore = (r: Row, host: string | undefined): number => {
    if (host === undefined) return -1;
    let best = -1;
    for (const d of r.domains) if (d.length > best && domainMatch(host, d)) best = d.length;
    return best;
  };

  return {
    size: data.rows.length,
    lookup(name: string, domain?: string): KnownCookie | undefined {
      if (typeof name !== "string" || name === "") return undefined;
      let host: string | undefined;
      if (typeof domain === "string" && domain !== "") {
        host = domain.includes("/") ? hostFromOrigin(domain) : normalizeDomain(domain);
        if (host === "") host = undefined;
      }
      const candidates = exact.get(name) ?? [];
      // 1. Exact name on one of the row's domains (the most specific domain wins, then database order).
      let best: Row | undefined;
      let bestScore = -1;
      for (const r of candidates) {
        const s = domainScore(r, host);
        if (s > bestScore) {
          best = r;
          bestScore = s;
        }
      }
      if (best !== undefined) return toKnown(best, "name-and-domain");
      // 2. Prefix row on one of its domains (longest prefix, then most specific domain).
      bestScore = -1;
      let bestLength = -1;
      for (const r of prefixes) {
        if (r.name.length < bestLength) break;
        if (r.domains.length === 0 || !name.startsWith(r.name)) continue;
        const s = domainScore(r, host);
        if (s > bestScore) {
          best = r;
          bestScore = s;
          bestLength = r.name.length;
        }
      }
      if (best !== undefined) return toKnown(best, "name-prefix");
      // 3. Domain-less row with this exact, distinctive name.
      if (isDistinctiveName(name)) {
        for (const r of candidates) if (r.domains.length === 0) return toKnown(r, "name-only");
      }
      // 4. Domain-less prefix row with a distinctive prefix.
      for (const r of prefixes) {
        if (r.domains.length === 0 && isDistinctiveName(r.name) && name.startsWith(r.name))
          return toKnown(r, "name-prefix");
      }
      return undefined;
    },
  };
}
