/** Cookies as the DevTools protocol reports them (`Network.getAllCookies`, `Storage.getCookies`). */
import type { ObservedItem } from "../../shared/model.ts";

export interface CdpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  size: number;
  httpOnly: boolean;
  secure: boolean;
  session: boolean;
  sameSite?: "Strict" | "Lax" | "None";
  /** An object in current Chromium, a string (the top-level site) in older ones. */
  partitionKey?: string | { topLevelSite: string; hasCrossSiteAncestor?: boolean };
}

/**
 * The observed item for a CDP cookie. The value is left out (reports must not carry it) and `setBy` is
 * "unknown": a caller that watched the responses knows better and overrides it.
 */
export function cookieFromCdp(c: CdpCookie): ObservedItem {
  const item: ObservedItem = {
    kind: "cookie",
    name: c.name,
    domain: c.domain.replace(/^\./, ""),
    hostOnly: !c.domain.startsWith("."),
    path: c.path,
    httpOnly: c.httpOnly,
    secure: c.secure,
    expires: c.session || c.expires < 0 ? null : Math.round(c.expires * 1000),
    size: c.size,
    setBy: "unknown",
  };
  if (c.sameSite) item.sameSite = c.sameSite;
  const partition = typeof c.partitionKey === "string" ? c.partitionKey : c.partitionKey?.topLevelSite;
  if (partition) item.partitionKey = partition;
  return item;
}
