/**
 * Types of the audit: its options and its JSON report. The report is the unit `merge` and `scaffold`
 * consume; its schema is documented in docs/audit.md and versioned by `schemaVersion`.
 */
import type { Category } from "../../shared/categories.ts";
import type { FindingType, ObservedItem } from "../../shared/model.ts";

export const SCENARIOS = ["before-consent", "reject-all", "accept-all"] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const FORMATS = ["html", "json", "junit"] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** Finding types that describe a problem (everything but `declared`). */
export const PROBLEM_TYPES: readonly FindingType[] = [
  "undeclared",
  "set-before-consent",
  "present-while-blocked",
  "retention-exceeds-declared",
  "declared-not-observed",
];

/** One `--resolve PATTERN=IP[:PORT]` mapping. */
export interface ResolveRule {
  pattern: string;
  address: string;
  port?: number;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface AuditOptions {
  urls: string[];
  /** File path or URL; `"none"` audits without any registry (Open Cookie Database only). */
  registry?: string;
  pages: number;
  depth: number;
  /** Also read each start origin's /sitemap.xml. */
  sitemap: boolean;
  scenarios: Scenario[];
  out: string;
  formats: ReportFormat[];
  failOn: FindingType[];
  concurrency: number;
  shard?: Shard;
  resolve: ResolveRule[];
  insecure: boolean;
  /** Per page: navigation and collection, milliseconds. */
  timeoutMs: number;
  /** Longest wait for the network to go quiet after `load`, milliseconds. */
  settleMs: number;
  /** Unpacked extension directory loaded into every profile. */
  extension?: string;
  /** Chromium binary. */
  browserPath: string;
}

export type ConsentMethod = "sdk" | "autoconsent" | "none";

/** How the scenario's consent answer was given on a page. */
export interface ConsentOutcome {
  method: ConsentMethod;
  /** Whether a banner or API was answered as the scenario asks. */
  answered: boolean;
  /** Consent-management platform autoconsent recognised. */
  cmp?: string;
  note?: string;
}

/** How an item was classified, whatever the registry says. */
export interface Classification {
  category?: Category;
  /** Where the classification came from: the registry (by how it was found), the Open Cookie Database, or nothing. */
  classifier: RegistryInfo["source"] | "open-cookie-database" | "unknown";
  /** `kind|name|domain|path` of the declaring registry entry. */
  entryKey?: string;
  purpose?: string;
  purposeLabel?: string;
  policyRef?: string;
  provider?: string;
  /** Declared retention in seconds; `null` = session; absent = not declared. */
  declaredMaxAgeSeconds?: number | null;
}

export interface AuditItem extends ObservedItem {
  /** Seconds from collection to expiry; `null` = session cookie; absent for non-cookies. */
  retentionSeconds?: number | null;
  classification: Classification;
}

export interface AuditFinding {
  type: FindingType;
  category?: Category;
  message: string;
  /** Key of the item in the page's `items` (kind|name|domain-or-origin|path|partitionKey). */
  itemKey?: string;
  /** Registry entry name for `declared-not-observed`. */
  entryName?: string;
}

export interface ThirdPartyHost {
  host: string;
  requests: number;
  /** Requests that carried a Cookie header. */
  withCookies: number;
}

export interface PageResult {
  url: string;
  scenario: Scenario;
  status: "ok" | "error";
  error?: string;
  finalUrl?: string;
  httpStatus?: number;
  consent: ConsentOutcome;
  /** Whether the page runs the Cookie Ledger SDK. */
  sdk: boolean;
  items: AuditItem[];
  findings: AuditFinding[];
  thirdParty: ThirdPartyHost[];
  /** Entry keys the registry declares for this page's hosts that the page did not store. */
  notObserved: string[];
  durationMs: number;
}

export interface RegistryInfo {
  source: "file" | "url" | "well-known" | "bundled" | "none";
  location?: string;
  name?: string;
  revision?: string;
}

export interface AuditReport {
  schemaVersion: 1;
  tool: { name: "cookie-ledger"; version: string };
  generatedAt: string;
  browser: { version: string; extension?: { path: string; id?: string; name?: string; version?: string } };
  options: {
    scenarios: Scenario[];
    pages: number;
    depth: number;
    failOn: FindingType[];
    shards: Shard[];
  };
  registry: RegistryInfo;
  /** Every URL audited, sorted. */
  urls: string[];
  /** Sorted by URL, then scenario in SCENARIOS order. */
  pages: PageResult[];
}
