/** Counts every report format and the exit code share. */
import { CATEGORIES, type Category } from "../../../shared/categories.ts";
import { FINDING_TYPES, type FindingType } from "../../../shared/model.ts";
import type { AuditReport, Scenario } from "../types.ts";
import { notObservedEntries, notObservedScenario } from "./view.ts";

export type CategoryOrUnknown = Category | "unknown";
export const CATEGORY_COLUMNS: readonly CategoryOrUnknown[] = [...CATEGORIES, "unknown"];

export interface ScenarioSummary {
  scenario: Scenario;
  pages: number;
  failedPages: number;
  /** Distinct items (kind, name, domain or origin) seen on any page, by category. */
  itemsByCategory: Record<CategoryOrUnknown, number>;
  findings: Record<FindingType, number>;
  /** Pages where no consent banner or API could be answered (reject-all, accept-all). */
  unanswered: number;
}

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function summarize(report: AuditReport): ScenarioSummary[] {
  return report.options.scenarios.map((scenario) => {
    const pages = report.pages.filter((p) => p.scenario === scenario);
    const itemsByCategory = zero(CATEGORY_COLUMNS);
    const seen = new Set<string>();
    for (const page of pages)
      for (const item of page.items) {
        const key = `${item.kind}|${item.name}|${item.domain ?? item.origin}`;
        if (seen.has(key)) continue;
        seen.add(key);
        itemsByCategory[item.classification.category ?? "unknown"]++;
      }
    const findings = zero(FINDING_TYPES);
    for (const page of pages) for (const f of page.findings) findings[f.type]++;
    if (scenario === notObservedScenario(report))
      findings["declared-not-observed"] = notObservedEntries(report).length;
    return {
      scenario,
      pages: pages.length,
      failedPages: pages.filter((p) => p.status === "error").length,
      itemsByCategory,
      findings,
      unanswered:
        scenario === "before-consent"
          ? 0
          : pages.filter((p) => p.status === "ok" && !p.consent.answered).length,
    };
  });
}

/** Findings whose type is in `failOn`, over every page (declared-not-observed: over the whole audit). */
export function failingCount(report: AuditReport, failOn: readonly FindingType[]): number {
  let n = 0;
  for (const page of report.pages) for (const f of page.findings) if (failOn.includes(f.type)) n++;
  if (failOn.includes("declared-not-observed")) n += notObservedEntries(report).length;
  return n;
}
