import type { Category } from "../categories.ts";

/** Format tag of the compiled known-cookie data (shared/known/open-cookie-database.generated.json). */
export const KNOWN_FORMAT = "cookie-ledger-known/1";

/**
 * One compiled Open Cookie Database row, as a tuple to keep the JSON compact:
 * `[name, domains, prefix, category, platform, description, retention, controller, privacyUrl]`.
 * `domains` is empty for a domain-less row; `prefix` is 1 when the row matches names by prefix
 * (`Wildcard match` = 1). `platform`, `retention`, `controller` and `privacyUrl` index `strings`.
 */
export type KnownRow = [
  name: string,
  domains: string[],
  prefix: 0 | 1,
  category: Category,
  platform: number,
  description: string,
  retention: number,
  controller: number,
  privacyUrl: number,
];

export interface KnownData {
  format: typeof KNOWN_FORMAT;
  source: {
    name: string;
    url: string;
    license: string;
    /** Rows in the CSV. */
    rows: number;
    /** Rows left out, with why (unusable domain, unknown category, empty name). */
    skipped: { id: string; name: string; reason: string }[];
  };
  /** Interned repeated strings (platforms, controllers, portals, retention periods). */
  strings: string[];
  rows: KnownRow[];
}
