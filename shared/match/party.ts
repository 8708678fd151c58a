/**
 * First- vs third-party by registrable domain (eTLD+1 from the Public Suffix List through `tldts`).
 * Used by the extension and the audit; the SDK does not bundle this file (tldts is large).
 *
 * Private PSL sections count (`alice.github.io` and `bob.github.io` are different sites), as in browsers.
 * Hosts without a registrable domain (IP addresses, `localhost`, bare suffixes) are their own site.
 */
import { getDomain } from "tldts";
import { hostFromOrigin, normalizeDomain } from "./domain.ts";

export type Party = "first-party" | "third-party";

/** `im.dingtalk.com` → `dingtalk.com`; `a.b.github.io` → `b.github.io`; `127.0.0.1` → `127.0.0.1`. */
export function registrableDomain(hostOrOrigin: string): string | undefined {
  const host = hostOrOrigin.includes("://") ? hostFromOrigin(hostOrOrigin) : normalizeDomain(hostOrOrigin);
  if (host === undefined || host === "") return undefined;
  const domain = getDomain(host, { allowPrivateDomains: true, validateHostname: false });
  return domain === null || domain === "" ? host : domain;
}

/** Whether two hosts (or origins) belong to the same site (same registrable domain). */
export function sameSite(a: string, b: string): boolean {
  const ra = registrableDomain(a);
  return ra !== undefined && ra === registrableDomain(b);
}

/**
 * The party of an item's host relative to the page (top-level site) it was seen on.
 * An item whose host cannot be read is treated as third-party (the cautious answer).
 */
export function partyOf(itemHost: string, siteHost: string): Party {
  return sameSite(itemHost, siteHost) ? "first-party" : "third-party";
}

/**
 * The party of an item's host relative to a registry's `properties` (registrable domains or hosts):
 * first-party when it shares a registrable domain with any property.
 */
export function partyForProperties(itemHost: string, properties: readonly string[]): Party {
  const item = registrableDomain(itemHost);
  if (item === undefined) return "third-party";
  for (const p of properties) if (registrableDomain(p) === item) return "first-party";
  return "third-party";
}
