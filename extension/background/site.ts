import { hostFromOrigin, normalizeDomain } from "../../shared/match/domain.ts";
import { registrableDomain } from "../../shared/match/party.ts";
import type { Registry } from "../../shared/registry/schema.ts";

/** The site (registrable domain) of a web URL; `undefined` for non-web URLs (chrome://, about:, files). */
export function siteOfUrl(url: string | undefined): string | undefined {
  if (url === undefined || !/^https?:\/\//i.test(url)) return undefined;
  const host = hostFromOrigin(url);
  return host === undefined || host === "" ? undefined : registrableDomain(host);
}

/** The registrable domain of a cookie domain or host. */
export function siteOfHost(host: string): string | undefined {
  return registrableDomain(normalizeDomain(host));
}

/**
 * The registrable domains one site stands for: the site itself, or — when a bundled registry covers it —
 * the registry's whole property set (DingTalk: dingtalk.com and dingding.xin).
 */
export function propertySet(site: string, bundled: readonly Registry[]): string[] {
  for (const registry of bundled) {
    const props = registry.properties.map((p) => registrableDomain(p) ?? normalizeDomain(p));
    if (props.includes(site)) return [...new Set(props)];
  }
  return [site];
}

/** Whether a host lies in one of the given registrable domains. */
export function inSites(host: string, sites: readonly string[]): boolean {
  const site = siteOfHost(host);
  return site !== undefined && sites.includes(site);
}
