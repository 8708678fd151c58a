/**
 * The bundled Open Cookie Database lookup. Importing this file pulls in the compiled data (~400 kB JSON,
 * ~90 kB gzip): the extension and the audit use it; the in-page SDK should not.
 */
import type { KnownData } from "./data.ts";
import { createKnownCookies, type KnownCookies } from "./lookup.ts";
import data from "./open-cookie-database.generated.json" with { type: "json" };

export type { KnownData } from "./data.ts";
export {
  createKnownCookies,
  isDistinctiveName,
  type KnownCookie,
  type KnownCookies,
  type KnownMatchKind,
} from "./lookup.ts";

/** A lookup over the bundled database (build once and keep it; each call builds a new index). */
export function openCookieDatabase(): KnownCookies {
  return createKnownCookies(data as KnownData);
}
