/** The JSON report (schema in docs/audit.md): written by `audit`, read by `merge` and `scaffold`. */
import type { AuditReport } from "../types.ts";

export function renderJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export type ReadResult = { ok: true; report: AuditReport } | { ok: false; error: string };

/** Parses a JSON report and checks its envelope (not every field: a newer minor addition must still load). */
export function readReport(text: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const r = value as Partial<AuditReport> | null;
  if (!r || typeof r !== "object") return { ok: false, error: "not an audit report (expected an object)" };
  if (r.schemaVersion !== 1)
    return { ok: false, error: `unsupported schemaVersion ${JSON.stringify(r.schemaVersion)} (expected 1)` };
  if (!Array.isArray(r.pages) || !Array.isArray(r.urls) || !r.options || !r.registry)
    return { ok: false, error: "not an audit report (missing pages, urls, options or registry)" };
  return { ok: true, report: r as AuditReport };
}
