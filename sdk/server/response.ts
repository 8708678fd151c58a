/** The fetch-API variant: a Response whose Set-Cookie values are filtered by the request's consent. */
import type { Registry } from "../../shared/registry/schema.ts";
import { consentFromCookieHeader } from "./consent.ts";
import { createSetCookieFilter, type FilterOptions, type FilterResult } from "./filter.ts";

export interface ResponseFilterOptions extends FilterOptions {
  /** Receives what was removed and what could not be read (the response is never rejected for it). */
  report?: (result: FilterResult) => void;
}

/**
 * Returns `response` itself when it sets no cookie, else a copy without the Set-Cookie values the consent
 * does not allow. `consent` is the consent cookie's value, or the Request (its Cookie header and URL).
 */
export function filterResponse(
  response: Response,
  consent: string | Request | null | undefined,
  registry: Registry,
  options: ResponseFilterOptions = {},
): Response {
  return createResponseFilter(registry)(response, consent, options);
}

/** Compiles the registry once, for a server filtering many responses. */
export function createResponseFilter(registry: Registry) {
  const filter = createSetCookieFilter(registry);
  return (
    response: Response,
    consent: string | Request | null | undefined,
    options: ResponseFilterOptions = {},
  ): Response => {
    const cookies = response.headers.getSetCookie();
    if (cookies.length === 0) return response;
    const isRequest = typeof consent === "object" && consent !== null;
    const value = isRequest ? consentFromCookieHeader(consent.headers.get("cookie")) : consent;
    const result = filter(cookies, value, { url: isRequest ? consent.url : undefined, ...options });
    options.report?.(result);
    if (result.headers.length === cookies.length) return response;
    const headers = new Headers(response.headers);
    headers.delete("set-cookie");
    for (const h of result.headers) headers.append("set-cookie", h);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
