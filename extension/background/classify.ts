import type { Category } from "../../shared/categories.ts";
import { compileMatcher } from "../../shared/match/compile.ts";
import type { Matcher } from "../../shared/match/types.ts";
import type { Classifier, ConsentState, FindingType, ObservedItem } from "../../shared/model.ts";
import type { InventoryItem } from "../../shared/protocol/messages.ts";
import { isDenied, reconcile } from "../../shared/reconcile.ts";
import type { LocalizedText, Registry, RegistryEntry } from "../../shared/registry/schema.ts";
import { siteOfHost } from "./site.ts";

/** A registry that can classify, tagged with where it came from. */
export interface RegistrySource {
  classifier: Exclude<Classifier, "open-cookie-database" | "unknown">;
  registry: Registry;
  matcher: Matcher;
}

/** What the Open Cookie Database knows of a cookie (shared/known). */
export interface KnownHit {
  category: Category;
  provider?: string;
  description?: string;
}
export interface KnownLookup {
  lookup(name: string, domain: string | undefined): KnownHit | undefined;
}

export interface Classification {
  classifier: Classifier;
  category?: Category;
  entry?: RegistryEntry;
  registry?: Registry;
  matcher?: Matcher;
  known?: KnownHit;
}

export function registrySource(classifier: RegistrySource["classifier"], registry: Registry): RegistrySource {
  return { classifier, registry, matcher: compileMatcher(registry) };
}

/**
 * A registry a page or its origin claims covers that page's own site only: `properties` outside the
 * tab's site are dropped, so a page cannot declare (and so steer clearing of) another site's first-party
 * items. Entries that name a third-party `domain` still classify that domain's items seen on this tab.
 */
export function confineToSite(registry: Registry, site: string): Registry {
  const own = registry.properties.filter((p) => siteOfHost(p) === site);
  return { ...registry, properties: own.length > 0 ? own : [site] };
}

/** Precedence: SDK > well-known > bundled (sources in that order) > Open Cookie Database > unknown. */
export function classify(
  item: ObservedItem,
  sources: readonly RegistrySource[],
  known?: KnownLookup,
): Classification {
  for (const source of sources) {
    const hit = source.matcher.match(item);
    if (hit)
      return {
        classifier: source.classifier,
        category: hit.category,
        entry: hit.entry,
        registry: source.registry,
        matcher: source.matcher,
      };
  }
  if (item.kind === "cookie" && known) {
    const hit = known.lookup(item.name, item.domain);
    if (hit) return { classifier: "open-cookie-database", category: hit.category, known: hit };
  }
  return { classifier: "unknown" };
}

/** Stable identity of an observed item within a site's inventory. */
export function itemKey(item: ObservedItem): string {
  return [
    item.kind,
    item.domain ?? item.origin ?? "",
    item.path ?? "",
    item.partitionKey ?? "",
    item.name,
  ].join("|");
}

/**
 * Findings about one observed item, from the shared reconciliation (shared/reconcile.ts) against the
 * registry that classified it; an item no registry declares is `undeclared` (and `present-while-blocked`
 * when the Open Cookie Database puts it in a blocked category).
 */
export function itemFindings(
  item: ObservedItem,
  c: Classification,
  consent: ConsentState,
  now: number,
): FindingType[] {
  if (c.registry && c.matcher) {
    const found = reconcile({
      registry: c.registry,
      observed: [item],
      consent,
      matcher: c.matcher,
      now,
      collectedKinds: [],
    });
    return [...new Set(found.filter((f) => f.item === item).map((f) => f.type))];
  }
  const out: FindingType[] = ["undeclared"];
  if (c.category && isDenied(consent, c.category)) out.push("present-while-blocked");
  return out;
}

function purposeOf(registry: Registry | undefined, entry: RegistryEntry | undefined) {
  if (!registry || !entry?.purpose || !Object.hasOwn(registry.purposes, entry.purpose)) return undefined;
  const p = registry.purposes[entry.purpose]!;
  return { id: entry.purpose, label: p.label, description: p.description, policyRef: p.policyRef };
}

const text = (s: string): LocalizedText => ({ en: s, "zh-CN": s });

/** One inventory row: the item, its classification, findings and history. */
export function inventoryItem(
  item: ObservedItem,
  c: Classification,
  consent: ConsentState,
  now: number,
): InventoryItem {
  const findings = itemFindings(item, c, consent, now);
  const blocked = new Set<string>(consent.blocked ?? []);
  const row: InventoryItem = {
    key: itemKey(item),
    item,
    category: c.category,
    classifier: c.classifier,
    declared: findings.includes("declared"),
    findings,
    blocked: c.category !== undefined && c.category !== "necessary" && blocked.has(c.category),
  };
  const purpose = purposeOf(c.registry, c.entry);
  if (purpose) row.purpose = purpose;
  if (c.entry?.description) row.description = c.entry.description;
  else if (c.known?.description) row.description = text(c.known.description);
  if (c.entry?.provider) row.provider = c.entry.provider;
  else if (c.known?.provider) row.provider = { name: c.known.provider };
  if (c.entry && c.entry.maxAgeSeconds !== undefined) row.declaredMaxAgeSeconds = c.entry.maxAgeSeconds;
  return row;
}
