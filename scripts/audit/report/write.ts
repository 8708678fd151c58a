/** Writes the report in each asked-for format into the output folder; returns the paths written. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FindingType } from "../../../shared/model.ts";
import type { AuditReport, ReportFormat } from "../types.ts";
import { renderHtml } from "./html.tsx";
import { renderJson } from "./json.ts";
import { renderJunit } from "./junit.ts";

export const REPORT_FILES: Record<ReportFormat, string> = {
  html: "index.html",
  json: "audit.json",
  junit: "junit.xml",
};

export function writeReports(
  report: AuditReport,
  dir: string,
  formats: readonly ReportFormat[],
  failOn: readonly FindingType[],
): Partial<Record<ReportFormat, string>> {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const written: Partial<Record<ReportFormat, string>> = {};
  for (const format of formats) {
    const path = join(out, REPORT_FILES[format]);
    const text =
      format === "html"
        ? renderHtml(report)
        : format === "json"
          ? renderJson(report)
          : renderJunit(report, failOn);
    writeFileSync(path, text);
    written[format] = path;
  }
  return written;
}
