/** Plain-language wording of the report, for compliance officers as much as developers. */
import type { FindingType } from "../../../shared/model.ts";
import type { Scenario } from "../types.ts";

export const SCENARIO_LABEL: Record<Scenario, string> = {
  "before-consent": "Before any choice",
  "reject-all": "After “reject all”",
  "accept-all": "After “accept all”",
};

export const SCENARIO_EXPLAINED: Record<Scenario, string> = {
  "before-consent": "The visitor opens the page and does not touch the consent banner.",
  "reject-all": "The visitor refuses every optional category.",
  "accept-all": "The visitor accepts every category.",
};

export const FINDING_LABEL: Record<FindingType, string> = {
  declared: "Declared",
  undeclared: "Not declared",
  "present-while-blocked": "Stored although refused",
  "set-before-consent": "Stored before the visitor chose",
  "retention-exceeds-declared": "Kept longer than declared",
  "declared-not-observed": "Declared but never seen",
};

export const FINDING_EXPLAINED: Record<FindingType, string> = {
  declared: "The item is listed in the site's registry with a category and purpose.",
  undeclared: "The site stores this item but its registry does not list it, so visitors are not told why.",
  "present-while-blocked":
    "The visitor refused this category, yet the item is stored. Refusal must be as effective as acceptance.",
  "set-before-consent":
    "An optional (non-essential) item was stored before the visitor made a choice. Only strictly necessary items may be stored without consent.",
  "retention-exceeds-declared": "The item expires later than the retention the registry declares.",
  "declared-not-observed":
    "The registry lists the item for these pages but no audited page stored it; the declaration may be stale.",
};

export const KIND_LABEL: Record<string, string> = {
  cookie: "Cookie",
  localStorage: "Local storage",
  sessionStorage: "Session storage",
  indexedDB: "IndexedDB database",
  cacheStorage: "Cache storage",
  flash: "Flash cookie",
};

export const CATEGORY_LABEL: Record<string, string> = {
  necessary: "Strictly necessary",
  functional: "Functional",
  analytics: "Analytics",
  marketing: "Marketing",
  unknown: "Unclassified",
};

export const CATEGORY_COLOR: Record<string, string> = {
  necessary: "#2f6f4f",
  functional: "#2b6cb0",
  analytics: "#b7791f",
  marketing: "#c53030",
  unknown: "#718096",
};

export const CLASSIFIER_LABEL: Record<string, string> = {
  file: "registry (file)",
  url: "registry (URL)",
  "well-known": "site's registry",
  bundled: "bundled registry",
  none: "—",
  "open-cookie-database": "Open Cookie Database",
  unknown: "unknown",
};
