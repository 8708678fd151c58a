/**
 * The consent cookie as a server sees it. The value is decoded by the SDK core's own decoder (sdk/record.ts),
 * so server and page always agree on what counts as a decision.
 */

import type { Category, OptionalCategory } from "../../shared/categories.ts";
import { parseCookieHeader } from "../../shared/cookies/header.ts";
import type { Registry } from "../../shared/registry/schema.ts";
import { decodeRecord } from "../record.ts";
import type { ConsentRecord } from "../types.ts";

/** Name of the SDK's consent cookie (the same as `CONSENT_COOKIE` in sdk/ledger.ts). */
export const CONSENT_COOKIE = "cookie_ledger_consent";

/** The consent cookie's value from a `Cookie` request header, or `undefined`. */
export function consentFromCookieHeader(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  for (const { name, value } of parseCookieHeader(header)) if (name === CONSENT_COOKIE) return value;
  return undefined;
}

/**
 * The decision a consent cookie value carries for this registry, or `undefined` (no consent) when it is
 * missing, malformed, altered, or made for another registry revision (the page asks again then).
 */
export function readConsent(
  value: string | null | undefined,
  registry: Pick<Registry, "revision">,
): ConsentRecord | undefined {
  const record = decodeRecord(value ?? undefined);
  return record?.revision === registry.revision ? record : undefined;
}

/** Whether a category may be stored under a decision: `necessary` always, the others when granted. */
export function granted(record: ConsentRecord | undefined, category: Category): boolean {
  return category === "necessary" || record?.categories[category as OptionalCategory] === true;
}
