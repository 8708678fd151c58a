/** The hosts of the local property set (DESIGN.md, "Local property set"). */

export type HostRole = "first-party" | "analytics" | "ads" | "cdn";

export interface PropertyHost {
  name: string;
  role: HostRole;
  /** What the host stands for, shown by `cookie-ledger demo`. */
  description: string;
}

export const ANALYTICS_HOST = "analytics.tracker.test";
export const ADS_HOST = "ads.adnet.test";
export const CDN_HOST = "cdn.static.test";

export const HOSTS: readonly PropertyHost[] = [
  { name: "www.dingtalk.com", role: "first-party", description: "home page, sign-in" },
  { name: "im.dingtalk.com", role: "first-party", description: "web messenger (needs the session cookie)" },
  { name: "open.dingtalk.com", role: "first-party", description: "developer documentation" },
  { name: "appcenter.dingtalk.com", role: "first-party", description: "application centre" },
  { name: "open-drp.dingtalk.com", role: "first-party", description: "developer resource platform" },
  { name: "h5.dingtalk.com", role: "first-party", description: "mobile web pages" },
  { name: "club.dingding.xin", role: "first-party", description: "community" },
  { name: ANALYTICS_HOST, role: "analytics", description: "analytics endpoint (Mixpanel, PostHog)" },
  { name: ADS_HOST, role: "ads", description: "ad network: pixel and iframe" },
  { name: CDN_HOST, role: "cdn", description: "static content delivery" },
];

export function findHost(name: string): PropertyHost | undefined {
  const bare = name.toLowerCase().replace(/:\d+$/, "");
  return HOSTS.find((h) => h.name === bare);
}

/** Registrable domains the host names fall under: what the resolver rules must map. */
export const MAPPED_DOMAINS = ["dingtalk.com", "dingding.xin", "test"] as const;

/** Chromium's `--host-resolver-rules` value: every name of the set → 127.0.0.1:port. */
export function hostResolverRules(port: number): string {
  return MAPPED_DOMAINS.map((d) => `MAP *.${d} 127.0.0.1:${port}`).join(", ");
}
