// Cookie strings → observed items. Small and dependency-free: the SDK bundles it.
export { parseCookieDate } from "./date.ts";
export { type CookiePair, parseCookieHeader } from "./header.ts";
export { type ParsedCookie, parseCookieString, type SameSite } from "./parse.ts";
export { defaultPath, parseRequestUrl } from "./url.ts";
export {
  type CookieContext,
  type CookieRejection,
  type CookieWrite,
  MAX_LIFETIME_MS,
  parseCookieAssignment,
  parseSetCookie,
} from "./write.ts";
