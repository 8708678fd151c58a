/** Report data regrouped for people: each distinct item once, each finding once with the pages it was on. */
import type { FindingType } from "../../../shared/model.ts";
import { itemKey } from "../collect.ts";
import type { AuditItem, AuditReport, Scenario } from "../types.ts";

export interface ItemRow {
  key: string;
  item: AuditItem;
  scenarios: Scenario[];
  pages: string[];
  /** Longest retention seen, seconds; `null` = session. */
  retentionSeconds?: number | null;
}

export interface FindingRow {
  type: FindingType;
  message: string;
  category?: string;
  item?: AuditItem;
  scenarios: Scenario[];
  pages: string[];
}

/** Identity of an item across pages: kind, name and domain or origin (path and partition shown, not split on). */
export function displayKey(item: AuditItem): string {
  return `${item.kind}|${item.name}|${item.domain ?? item.origin ?? ""}|${item.partitionKey ?? ""}`;
}

const push = <T>(list: T[], value: T) => {
  if (!list.includes(value)) list.push(value);
};

export function itemRows(report: AuditReport): ItemRow[] {
  const rows = new Map<string, ItemRow>();
  for (const page of report.pages)
    for (const item of page.items) {
      const key = displayKey(item);
      const row = rows.get(key) ?? { key, item, scenarios: [], pages: [] };
      rows.set(key, row);
      push(row.scenarios, page.scenario);
      push(row.pages, page.url);
      const r = item.retentionSeconds;
      if (
        r !== undefined &&
        (row.retentionSeconds === undefined || (r !== null && (row.retentionSeconds ?? -1) < r))
      )
        row.retentionSeconds = r;
    }
  const order = ["necessary", "functional", "analytics", "marketing", undefined];
  return [...rows.values()].sort(
    (a, b) =>
      order.indexOf(a.item.classification.category) - order.indexOf(b.item.classification.category) ||
      a.key.localeCompare(b.key),
  );
}

/** Problem findings only (not `declared`), most serious type first. */
export function findingRows(report: AuditReport): FindingRow[] {
  const severity: FindingType[] = [
    "present-while-blocked",
    "set-before-consent",
    "undeclared",
    "retention-exceeds-declared",
    "declared-not-observed",
  ];
  const rows = new Map<string, FindingRow>();
  for (const page of report.pages) {
    const byKey = new Map(page.items.map((i) => [itemKey(i), i]));
    for (const f of page.findings) {
      if (f.type === "declared") continue;
      const item = f.itemKey ? byKey.get(f.itemKey) : undefined;
      const key = `${f.type}|${item ? displayKey(item) : f.message}`;
      const row = rows.get(key) ?? { type: f.type, message: f.message, scenarios: [], pages: [] };
      if (item) row.item = item;
      if (f.category) row.category = f.category;
      rows.set(key, row);
      push(row.scenarios, page.scenario);
      push(row.pages, page.url);
    }
  }
  for (const key of notObservedEntries(report)) {
    rows.set(`declared-not-observed|${key}`, {
      type: "declared-not-observed",
      message: `${key.split("|").slice(0, 2).join(' "')}" is declared but no audited page stored it`,
      scenarios: [notObservedScenario(report)],
      pages: [],
    });
  }
  return [...rows.values()].sort(
    (a, b) => severity.indexOf(a.type) - severity.indexOf(b.type) || a.message.localeCompare(b.message),
  );
}

export function notObservedScenario(report: AuditReport): Scenario {
  return report.options.scenarios.includes("accept-all") ? "accept-all" : report.options.scenarios[0]!;
}

/**
 * Entries declared for the audited hosts that no page stored with everything accepted (or in any scenario
 * when accept-all was not run). Derived from the pages, so merged shards give the same answer.
 */
export function notObservedEntries(report: AuditReport): string[] {
  const scenario = notObservedScenario(report);
  const pages = report.pages.filter((p) => p.scenario === scenario && p.status === "ok");
  const candidates = new Set(pages.flatMap((p) => p.notObserved ?? []));
  for (const page of report.pages)
    for (const item of page.items)
      if (item.classification.entryKey) candidates.delete(item.classification.entryKey);
  return [...candidates].sort();
}

/** "30 days", "2 hours", "session", "—". */
export function formatRetention(seconds: number | null | undefined): string {
  if (seconds === undefined) return "—";
  if (seconds === null) return "until the browser closes";
  const units: [number, string][] = [
    [365 * 86400, "year"],
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  for (const [size, unit] of units)
    if (seconds >= size) {
      const n = Math.round((seconds / size) * 10) / 10;
      return `${n} ${unit}${n === 1 ? "" : "s"}`;
    }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}
