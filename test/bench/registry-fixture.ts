// A synthetic registry of a given size, for the 5 MB validation test and benchmark.
import { CATEGORIES } from "../../shared/categories.ts";
import {
  REGISTRY_FORMAT,
  type Registry,
  type RegistryEntry,
  STORAGE_KINDS,
} from "../../shared/registry/schema.ts";

function syntheticEntry(index: number): RegistryEntry {
  const kind = STORAGE_KINDS[index % STORAGE_KINDS.length]!;
  return {
    kind,
    name: `item_${index}_*`,
    domain: `host${index % 97}.example.com`,
    ...(kind === "cookie" ? { path: `/p${index % 7}` } : {}),
    ...(index % 3 === 0 ? { purpose: `purpose-${index % 4}` } : { category: CATEGORIES[index % 4]! }),
    provider: { name: `Vendor ${index % 50}`, url: `https://vendor${index % 50}.example.com/` },
    maxAgeSeconds: index % 5 === 0 ? null : 86_400 * (index % 400),
    dataCategories: ["identifier", "service-use"],
    source: "site",
    description: { en: `Synthetic item number ${index}.`, "zh-CN": `合成条目 ${index}。` },
  };
}

/** A valid registry whose pretty-printed JSON is at least `bytes` long. */
export function syntheticRegistry(bytes: number): Registry {
  const purposes: Registry["purposes"] = {};
  CATEGORIES.forEach((category, i) => {
    purposes[`purpose-${i}`] = {
      category,
      label: { en: `Purpose ${i}`, "zh-CN": `目的 ${i}` },
      description: { en: `Synthetic purpose ${i}.`, "zh-CN": `合成目的 ${i}。` },
      policyRef: "Part 3 §III",
    };
  });
  const build = (count: number): Registry => ({
    format: REGISTRY_FORMAT,
    revision: "bench-1",
    site: { name: "Synthetic", policy: { url: "https://example.com/privacy", updated: "2026-01-01" } },
    properties: ["example.com"],
    purposes,
    entries: Array.from({ length: count }, (_, i) => syntheticEntry(i)),
  });
  // Size a small sample as it will be printed, then scale (with a margin: later indices are longer).
  const sampleCount = 200;
  const perEntry = JSON.stringify(build(sampleCount), null, 2).length / sampleCount;
  return build(Math.ceil((bytes / perEntry) * 1.05));
}
