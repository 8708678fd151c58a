import { consentFromCookieHeader, createSetCookieFilter } from "../../sdk/server/index.ts";
import type { Registry } from "../../shared/registry/schema.ts";

/**
 * Paths whose responses keep their Set-Cookie values unfiltered even in SDK mode: the adversarial page
 * (`/adversarial/`) measures what the in-page SDK achieves on its own, HTTP write techniques included.
 */
export const UNFILTERED_IN_SDK_MODE = ["/adversarial/"];

/**
 * Set-Cookie values after the server-side filter (cookie-ledger/server), with the request's consent cookie,
 * as a site's app server would run it:
 *
 * - without the SDK, only the www host's API answers (`https://www.dingtalk.com/api/*`) are filtered: their
 *   HttpOnly marketing cookie is stored only after consent, while static pages keep setting their cookies
 *   unfiltered, so the planted problems stay visible to audits;
 * - in SDK mode (`sdkMode`: the response belongs to a page served with the SDK, an integrated site) every
 *   first-party response is filtered (documents, fetch/XHR, images, the sign-in answer), except
 *   `UNFILTERED_IN_SDK_MODE`: optional HTTP-set cookies arrive only with consent, necessary ones always.
 */
export function consentBoundCookies(registry: Registry) {
  const filter = createSetCookieFilter(registry);
  return (
    host: string,
    url: URL,
    cookieHeader: string | undefined,
    cookies: string[],
    sdkMode = false,
  ): string[] => {
    if (cookies.length === 0) return cookies;
    const filtered = sdkMode
      ? !UNFILTERED_IN_SDK_MODE.some((p) => url.pathname.startsWith(p))
      : host === "www.dingtalk.com" && url.pathname.startsWith("/api/");
    if (!filtered) return cookies;
    const result = filter(cookies, consentFromCookieHeader(cookieHeader), {
      url: `https://${host}${url.pathname}`,
    });
    for (const m of result.malformed)
      console.warn(`cookie-ledger/server: malformed Set-Cookie (${m.reason})`);
    return result.headers;
  };
}
