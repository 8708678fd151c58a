/** The findings summary printed on the terminal after an audit or a merge. */
import { FINDING_TYPES } from "../../../shared/model.ts";
import type { AuditReport } from "../types.ts";
import { FINDING_LABEL, SCENARIO_LABEL } from "./labels.ts";
import { summarize } from "./summary.ts";
import { findingRows } from "./view.ts";

export function renderText(report: AuditReport, limit = 15): string {
  const lines = [`Audited ${report.urls.length} page(s); registry: ${report.registry.source}`];
  for (const s of summarize(report)) {
    const parts = FINDING_TYPES.filter((t) => t !== "declared" && s.findings[t] > 0).map(
      (t) => `${s.findings[t]} ${FINDING_LABEL[t].toLowerCase()}`,
    );
    const failed = s.failedPages ? `, ${s.failedPages} page(s) failed` : "";
    const unanswered = s.unanswered ? `, ${s.unanswered} banner(s) not answered` : "";
    lines.push(
      `  ${SCENARIO_LABEL[s.scenario]}: ${parts.length ? parts.join(", ") : "no problems"}${failed}${unanswered}`,
    );
  }
  const rows = findingRows(report);
  if (rows.length) {
    lines.push("Findings:");
    for (const r of rows.slice(0, limit)) {
      const where = r.pages.length ? ` (${r.pages.length} page${r.pages.length === 1 ? "" : "s"})` : "";
      lines.push(`  - [${r.type}] ${r.message}${where}`);
    }
    if (rows.length > limit) lines.push(`  … and ${rows.length - limit} more (see the report)`);
  }
  for (const p of report.pages.filter((p) => p.status === "error"))
    lines.push(`  ! ${p.url} (${p.scenario}) could not be audited: ${p.error}`);
  return lines.join("\n");
}
