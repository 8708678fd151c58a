/**
 * `cookie-ledger/server` (dist/sdk/server.js): Set-Cookie filtering by the SDK's consent cookie, for Node's
 * http, Express, fastify or any fetch-API server. docs/sdk.md, "Server-side filter".
 */
export { CONSENT_COOKIE, consentFromCookieHeader, granted, readConsent } from "./consent.ts";
export {
  createSetCookieFilter,
  type FilterOptions,
  type FilterResult,
  filterSetCookie,
  type MalformedCookie,
  type RemovedCookie,
  type SetCookieFilter,
} from "./filter.ts";
export { createResponseFilter, filterResponse, type ResponseFilterOptions } from "./response.ts";
