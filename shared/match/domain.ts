/**
 * Host, domain and path helpers for matching (RFC 6265 §5.1.3 domain-match, §5.1.4 path-match).
 * Pure string code: no URL API, no tldts (the SDK bundles this); registrable-domain logic is in party.ts.
 */

/** Lower-cases a host or cookie domain and drops a leading and trailing dot (`.Dingtalk.com.` → `dingtalk.com`). */
export function normalizeDomain(domain: string): string {
  let d = domain.trim().toLowerCase();
  if (d.startsWith(".")) d = d.slice(1);
  if (d.endsWith(".")) d = d.slice(0, -1);
  return d;
}

/**
 * The host of an origin or URL (`https://im.dingtalk.com:8443/x` → `im.dingtalk.com`), lower-cased, without
 * port or IPv6 brackets. A bare host is returned normalized. `undefined` for an opaque origin (`null`).
 */
export function hostFromOrigin(origin: string): string | undefined {
  let rest = origin.trim();
  const scheme = rest.indexOf("://");
  if (scheme >= 0) rest = rest.slice(scheme + 3);
  else if (rest === "null" || rest === "") return undefined;
  let end = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === "/" || c === "?" || c === "#") {
      end = i;
      break;
    }
  }
  let authority = rest.slice(0, end);
  const at = authority.lastIndexOf("@");
  if (at >= 0) authority = authority.slice(at + 1);
  let host: string;
  if (authority.startsWith("[")) {
    const close = authority.indexOf("]");
    host = close < 0 ? authority.slice(1) : authority.slice(1, close);
  } else {
    const colon = authority.indexOf(":");
    host = colon < 0 ? authority : authority.slice(0, colon);
  }
  host = normalizeDomain(host);
  return host === "" ? undefined : host;
}

/** What matching needs to know of where an item lives. */
export interface HostBearer {
  domain?: string;
  origin?: string;
}

/** The item's host: its cookie domain, else its origin's host; `undefined` when it carries neither. */
export function hostOf(item: HostBearer): string | undefined {
  if (item.domain !== undefined && item.domain !== "") {
    const d = normalizeDomain(item.domain);
    return d === "" ? undefined : d;
  }
  if (item.origin !== undefined) return hostFromOrigin(item.origin);
  return undefined;
}

/**
 * RFC 6265 domain-match: `host` equals `domain` or is a subdomain of it (`im.dingtalk.com` under
 * `dingtalk.com`). Both must already be normalized. IP addresses only match themselves.
 */
export function domainMatch(host: string, domain: string): boolean {
  if (host === domain) return true;
  if (domain === "" || host.length <= domain.length) return false;
  if (!host.endsWith(domain) || host.charCodeAt(host.length - domain.length - 1) !== 46 /* . */) return false;
  return !isIpAddress(host);
}

/** `true` for an IPv4 dotted quad or an IPv6 literal (contains a colon). */
export function isIpAddress(host: string): boolean {
  if (host.includes(":")) return true;
  const lastCode = host.charCodeAt(host.length - 1);
  if (!(lastCode >= 48 && lastCode <= 57)) return false; // a dotted quad ends with a digit
  const parts = host.split(".");
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3) return false;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
  }
  return true;
}

/** RFC 6265 path-match: `requestPath` is `cookiePath` or lies below it (`/a/b` under `/a` and `/a/`). */
export function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath.charCodeAt(cookiePath.length) === 47; /* / */
}
