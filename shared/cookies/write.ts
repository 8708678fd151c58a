// Browser storage rules (RFC 6265bis §5.7) applied to a parsed cookie: what a write really does.

import { domainMatch } from "../match/domain.ts";
import type { ObservedItem } from "../model.ts";
import { type ParseFailure, parseCookieString } from "./parse.ts";
import { defaultPath, isSecureUrl, parseRequestUrl } from "./url.ts";

export interface CookieContext {
  /** URL of the response (Set-Cookie) or of the document (document.cookie). */
  url: string;
  /** Epoch milliseconds of the write. */
  now: number;
  /** Top-level site for `Partitioned` cookies; defaults to the scheme and host of `url`. */
  topLevelSite?: string;
  /** Public-suffix test (e.g. from tldts); without it `Domain=com` is not caught. */
  isPublicSuffix?: (domain: string) => boolean;
}

export type CookieRejection =
  | ParseFailure
  | "bad-url"
  | "domain-mismatch"
  | "public-suffix"
  | "secure-from-insecure-origin"
  | "samesite-none-without-secure"
  | "partitioned-without-secure"
  | "secure-prefix"
  | "host-prefix"
  | "httponly-from-script";

/**
 * What a cookie write does: `set` stores (or replaces) the item, `delete` removes any cookie with
 * the same name, domain and path (its expiry is not in the future), `rejected` leaves the jar alone.
 */
export type CookieWrite =
  | { status: "set"; item: ObservedItem }
  | { status: "delete"; item: ObservedItem }
  | { status: "rejected"; reason: CookieRejection; name?: string };

/** Browsers cap cookie lifetimes at 400 days (RFC 6265bis §5.5, Chrome ≥ 104, Firefox ≥ 115). */
export const MAX_LIFETIME_MS = 400 * 24 * 60 * 60 * 1000;

function hasPrefix(text: string, prefix: string): boolean {
  return text.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
}

function write(text: string, ctx: CookieContext, fromScript: boolean): CookieWrite {
  const parsed = parseCookieString(text);
  if (typeof parsed === "string") return { status: "rejected", reason: parsed };
  const { name } = parsed;
  const reject = (reason: CookieRejection): CookieWrite => ({ status: "rejected", reason, name });
  const url = parseRequestUrl(ctx.url);
  if (!url) return reject("bad-url");
  if (fromScript && parsed.httpOnly) return reject("httponly-from-script");

  let domain = url.host;
  let hostOnly = true;
  if (parsed.domain !== undefined) {
    if (ctx.isPublicSuffix?.(parsed.domain) && parsed.domain !== url.host) return reject("public-suffix");
    if (!domainMatch(url.host, parsed.domain)) return reject("domain-mismatch");
    if (parsed.domain !== url.host || !ctx.isPublicSuffix?.(parsed.domain)) {
      domain = parsed.domain;
      hostOnly = false;
    }
  }
  const secureOrigin = isSecureUrl(url);
  if (parsed.secure && !secureOrigin) return reject("secure-from-insecure-origin");
  if (parsed.sameSite === "None" && !parsed.secure) return reject("samesite-none-without-secure");
  if (parsed.partitioned && !parsed.secure) return reject("partitioned-without-secure");
  // A nameless cookie must not pose as a prefixed one through its value.
  const prefixed = name || parsed.value;
  if ((hasPrefix(prefixed, "__Secure-") || hasPrefix(prefixed, "__Host-")) && !name)
    return reject("secure-prefix");
  if (hasPrefix(name, "__Secure-") && !parsed.secure) return reject("secure-prefix");
  if (hasPrefix(name, "__Host-") && (!parsed.secure || !hostOnly || parsed.path !== "/"))
    return reject("host-prefix");

  let expires: number | null = null;
  if (parsed.maxAge !== undefined) expires = parsed.maxAge <= 0 ? 0 : ctx.now + parsed.maxAge * 1000;
  else if (parsed.expires !== undefined) expires = parsed.expires;
  if (expires !== null) expires = Math.min(expires, ctx.now + MAX_LIFETIME_MS);

  const item: ObservedItem = {
    kind: "cookie",
    name,
    value: parsed.value,
    domain,
    hostOnly,
    path: parsed.path ?? defaultPath(url.path),
    secure: parsed.secure,
    httpOnly: parsed.httpOnly,
    expires,
    size: name.length + parsed.value.length,
    firstSeen: ctx.now,
    setBy: fromScript ? "js" : "http",
    frame: ctx.url,
  };
  if (parsed.sameSite) item.sameSite = parsed.sameSite;
  if (parsed.partitioned) item.partitionKey = ctx.topLevelSite ?? `${url.scheme}://${url.host}`;
  return { status: expires !== null && expires <= ctx.now ? "delete" : "set", item };
}

/** A `Set-Cookie` header value received from `ctx.url`. */
export function parseSetCookie(header: string, ctx: CookieContext): CookieWrite {
  return write(header, ctx, false);
}

/** A `document.cookie = text` assignment in a document at `ctx.url` (scripts cannot set HttpOnly). */
export function parseCookieAssignment(text: string, ctx: CookieContext): CookieWrite {
  return write(text, ctx, true);
}
