import { consentFromCookieHeader, createSetCookieFilter } from "../../sdk/server/index.ts";
import type { Registry } from "../../shared/registry/schema.ts";

/**
 * The www host's API answers (`https://www.dingtalk.com/api/*`) pass their Set-Cookie values through the
 * server-side filter (cookie-ledger/server) with the request's consent cookie, as a site's app server would:
 * their HttpOnly marketing cookie is stored only after consent. Static pages keep setting their cookies
 * unfiltered, so the planted problems stay visible to audits.
 */
export function consentBoundCookies(registry: Registry) {
  const filter = createSetCookieFilter(registry);
  return (host: string, url: URL, cookieHeader: string | undefined, cookies: string[]): string[] => {
    if (host !== "www.dingtalk.com" || !url.pathname.startsWith("/api/") || cookies.length === 0)
      return cookies;
    const result = filter(cookies, consentFromCookieHeader(cookieHeader), {
      url: `https://${host}${url.pathname}`,
    });
    for (const m of result.malformed)
      console.warn(`cookie-ledger/server: malformed Set-Cookie (${m.reason})`);
    return result.headers;
  };
}
