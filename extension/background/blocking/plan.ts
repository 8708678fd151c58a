import type { Category, OptionalCategory } from "../../../shared/categories.ts";
import { entryCategory } from "../../../shared/match/compile.ts";
import { normalizeDomain } from "../../../shared/match/domain.ts";
import { compileGlob } from "../../../shared/match/glob.ts";
import type { Registry } from "../../../shared/registry/schema.ts";
import type { GuardConfig, GuardKind } from "../../content/guard-config.ts";
import { inSites } from "../site.ts";
import type { SiteHints } from "./settings.ts";

/** Registry-derived rules kept per site: [kind, name glob, category, domain?]. */
export type HintRule = [string, string, Category, string?];

const GUARD_KIND: Record<string, GuardKind | undefined> = {
  cookie: "c",
  localStorage: "l",
  sessionStorage: "s",
  indexedDB: "i",
  cacheStorage: "k",
};

/** Escapes a literal name into a glob that matches exactly it. */
export function exactGlob(name: string): string {
  return name.replace(/[\\*]/g, (c) => `\\${c}`);
}

/** Rules of registries for a site: every entry a browser can hold, with its category and domain. */
export function registryRules(registries: readonly Registry[]): HintRule[] {
  const out: HintRule[] = [];
  for (const registry of registries) {
    for (const entry of registry.entries) {
      const category = entryCategory(registry, entry);
      if (!category || !GUARD_KIND[entry.kind]) continue;
      out.push([entry.kind, entry.name, category, entry.domain ? normalizeDomain(entry.domain) : undefined]);
    }
  }
  return out;
}

/** What blocking a site needs, computed from its settings, registries and last inventory. */
export interface BlockPlan {
  site: string;
  properties: string[];
  blocked: OptionalCategory[];
  guard: GuardConfig;
  /** Third-party cookie domains whose every known item is blocked: the network rule strips their cookies. */
  strippedHosts: string[];
  /** Decides whether a cookie (as seen by cookies.onChanged) is blocked on this site. */
  blocksCookie(name: string, domain: string, partitionSite: string | undefined): boolean;
}

export function planSite(
  site: string,
  properties: string[],
  blocked: readonly OptionalCategory[],
  rules: readonly HintRule[],
  hints: SiteHints | undefined,
): BlockPlan {
  const isBlocked = (c: string) => (blocked as readonly string[]).includes(c);
  const all: HintRule[] = [...rules];
  for (const [kind, name, category] of hints?.names ?? []) all.push([kind, exactGlob(name), category]);

  const guardRules: [GuardKind, string][] = [];
  const cookieBlock: { test: (n: string) => boolean; domain?: string }[] = [];
  const allowExact = new Set<string>();
  const byDomain = new Map<string, Set<string>>();
  for (const [kind, glob, category, domain] of all) {
    const gk = GUARD_KIND[kind];
    if (!gk) continue;
    if (domain && !inSites(domain, properties)) {
      const set = byDomain.get(domain) ?? new Set<string>();
      set.add(category);
      byDomain.set(domain, set);
    }
    if (!isBlocked(category)) {
      if (!glob.includes("*")) allowExact.add(`${gk}\u0000${glob}`);
      continue;
    }
    guardRules.push([gk, glob]);
    if (gk === "c") cookieBlock.push({ test: compileGlob(glob), domain });
  }
  // Necessary (or allowed) exact names are never blocked by a broader glob of a blocked category.
  const guard: GuardConfig = {
    v: 1,
    site,
    blocked: [...blocked],
    rules: guardRules.filter(([k, g]) => g.includes("*") || !allowExact.has(`${k}\u0000${g}`)),
  };
  for (const [domain, categories] of Object.entries(hints?.thirdParty ?? {})) {
    const set = byDomain.get(domain) ?? new Set<string>();
    for (const c of categories) set.add(c);
    byDomain.set(domain, set);
  }
  const strippedHosts = [...byDomain]
    .filter(([, cats]) => cats.size > 0 && [...cats].every(isBlocked))
    .map(([d]) => d)
    .sort();
  const thirdParty = [...byDomain.keys()];
  const concerns = (domain: string, partitionSite: string | undefined) =>
    inSites(domain, properties) ||
    (partitionSite !== undefined && inSites(partitionSite, properties)) ||
    thirdParty.some((d) => domain === d || domain.endsWith(`.${d}`));
  return {
    site,
    properties,
    blocked: [...blocked],
    guard,
    strippedHosts,
    blocksCookie(name, domain, partitionSite) {
      const d = normalizeDomain(domain);
      if (!concerns(d, partitionSite)) return false;
      if (strippedHosts.some((h) => d === h || d.endsWith(`.${h}`))) return true;
      if (allowExact.has(`c\u0000${exactGlob(name)}`)) return false;
      const own = inSites(d, properties);
      return cookieBlock.some(
        (r) => (r.domain ? d === r.domain || d.endsWith(`.${r.domain}`) : own) && r.test(name),
      );
    },
  };
}
