// `declared-not-observed`: which declared entries could have been seen but were not.
import { domainMatch, hostOf, normalizeDomain } from "../match/domain.ts";
import { parseGlob } from "../match/glob.ts";
import type { ObservedItem } from "../model.ts";
import type { Registry, RegistryEntry, StorageKind } from "../registry/schema.ts";

/** Kinds a caller collects by default: all but legacy Flash, which no browser can hold any more. */
export const DEFAULT_COLLECTED_KINDS: readonly StorageKind[] = [
  "cookie",
  "localStorage",
  "sessionStorage",
  "indexedDB",
  "cacheStorage",
];

/** The distinct hosts the observed items live on. */
export function observedHosts(items: readonly ObservedItem[]): string[] {
  const hosts = new Set<string>();
  for (const item of items) {
    const host = hostOf(item);
    if (host !== undefined) hosts.add(host);
  }
  return [...hosts];
}

/**
 * Whether an unmatched entry is worth reporting: it names one item exactly (not a glob), is not legacy
 * Flash (never observable), is of a kind the caller collected, and its scope — its `domain`, or any host of `properties` — covers an observed host.
 */
export function expectedToBeSeen(
  registry: Pick<Registry, "properties">,
  entry: RegistryEntry,
  hosts: readonly string[],
  kinds: readonly StorageKind[],
): boolean {
  if (entry.kind === "flash" || !kinds.includes(entry.kind) || !parseGlob(entry.name).exact) return false;
  const scopes = entry.domain === undefined ? registry.properties : [entry.domain];
  return scopes.some((scope) => {
    const domain = normalizeDomain(scope);
    return domain !== "" && hosts.some((host) => domainMatch(host, domain));
  });
}
