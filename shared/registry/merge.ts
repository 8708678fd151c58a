import type { Category } from "../categories.ts";
import { CLASSIFIERS, type Classifier } from "../model.ts";
import { entryIdentity } from "./checks.ts";
import type { Purpose, Registry, RegistryEntry } from "./schema.ts";

/** One registry and where it came from. */
export interface RegistryLayer {
  registry: Registry;
  origin: Classifier;
}

/** An entry of a merged registry: it keeps the layer it came from and its resolved category. */
export type MergedEntry = RegistryEntry & { origin: Classifier; category: Category };

/** A registry (usable wherever one is expected) whose entries remember their origin. */
export interface MergedRegistry extends Registry {
  entries: MergedEntry[];
}

function precedence(origin: Classifier): number {
  return CLASSIFIERS.indexOf(origin);
}

function samePurpose(a: Purpose, b: Purpose): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Adds a layer's purposes to `merged`. An id already taken by a different purpose is renamed
 * `origin:id` (then `origin:id:2`, …). Returns the layer's id → merged id mapping.
 */
function mergePurposes(merged: Record<string, Purpose>, layer: RegistryLayer): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const [id, purpose] of Object.entries(layer.registry.purposes)) {
    let target = id;
    for (let n = 1; Object.hasOwn(merged, target) && !samePurpose(merged[target]!, purpose); n++) {
      target = n === 1 ? `${layer.origin}:${id}` : `${layer.origin}:${id}:${n}`;
    }
    merged[target] = purpose;
    renamed.set(id, target);
  }
  return renamed;
}

/**
 * Merges registries by classification precedence (DESIGN.md): the page's SDK registry, then the
 * site's `/.well-known/cookie-ledger.json`, then a bundled registry, then the Open Cookie Database.
 *
 * - Entries of higher layers come first; an entry whose kind + name + domain + path a higher layer
 *   already declares is dropped (the higher layer wins).
 * - Every entry carries its `origin` and its resolved `category`; an entry whose category cannot
 *   be resolved (an unvalidated registry) is left out.
 * - Purposes are united; a clashing id from a lower layer is renamed `origin:id`.
 * - `format` and `site` come from the highest layer; `properties` are united; `revision` joins
 *   every layer's (`sdk:3 bundled:2026-11-25.1`), so it changes when any layer changes.
 * Layers of equal precedence keep the order given.
 */
export function mergeRegistries(layers: readonly RegistryLayer[]): MergedRegistry {
  const ordered = [...layers].sort((a, b) => precedence(a.origin) - precedence(b.origin));
  const top = ordered[0];
  if (!top) throw new RangeError("mergeRegistries needs at least one registry");
  const purposes: Record<string, Purpose> = {};
  const entries: MergedEntry[] = [];
  const properties: string[] = [];
  const declared = new Set<string>();
  for (const layer of ordered) {
    const purposeIds = mergePurposes(purposes, layer);
    for (const property of layer.registry.properties) {
      if (!properties.includes(property)) properties.push(property);
    }
    for (const entry of layer.registry.entries) {
      const identity = entryIdentity(entry);
      if (declared.has(identity)) continue;
      const purposeId = entry.purpose === undefined ? undefined : purposeIds.get(entry.purpose);
      const category =
        entry.category ?? (purposeId === undefined ? undefined : purposes[purposeId]?.category);
      if (category === undefined) continue;
      declared.add(identity);
      const merged: MergedEntry = { ...entry, category, origin: layer.origin };
      if (purposeId !== undefined) merged.purpose = purposeId;
      entries.push(merged);
    }
  }
  return {
    format: top.registry.format,
    revision: ordered.map((layer) => `${layer.origin}:${layer.registry.revision}`).join(" "),
    site: top.registry.site,
    properties,
    purposes,
    entries,
  };
}
