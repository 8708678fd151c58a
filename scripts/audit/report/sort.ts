/** Canonical order of a report, so two runs over the same pages (or merged shards) compare equal. */
import { FINDING_TYPES } from "../../../shared/model.ts";
import { itemKey } from "../collect.ts";
import { type AuditFinding, type AuditReport, type PageResult, SCENARIOS } from "../types.ts";

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function findingKey(f: AuditFinding): string {
  return `${String(FINDING_TYPES.indexOf(f.type)).padStart(2, "0")}|${f.itemKey ?? ""}|${f.entryName ?? ""}`;
}

export function comparePages(a: PageResult, b: PageResult): number {
  return cmp(a.url, b.url) || SCENARIOS.indexOf(a.scenario) - SCENARIOS.indexOf(b.scenario);
}

export function sortPage(page: PageResult): PageResult {
  return {
    ...page,
    items: [...page.items].sort((a, b) => cmp(itemKey(a), itemKey(b))),
    findings: [...page.findings].sort((a, b) => cmp(findingKey(a), findingKey(b))),
    thirdParty: [...page.thirdParty].sort((a, b) => cmp(a.host, b.host)),
  };
}

export function sortReport(report: AuditReport): AuditReport {
  return {
    ...report,
    options: {
      ...report.options,
      shards: [...report.options.shards].sort((a, b) => a.count - b.count || a.index - b.index),
    },
    urls: [...new Set(report.urls)].sort(cmp),
    pages: report.pages.map(sortPage).sort(comparePages),
  };
}
