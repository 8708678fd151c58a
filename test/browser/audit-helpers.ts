// Shared by the audit's browser tests: options for auditing the local property set, and report comparison.
import { parseAuditArgs } from "../../scripts/audit/options.ts";
import type { AuditOptions, AuditReport } from "../../scripts/audit/types.ts";
import type { PropertySet } from "../support/property-set.ts";

/** CLI arguments that point the audit at the property set on loopback. */
export function propertySetArgs(ps: PropertySet, extra: string[] = []): string[] {
  return [
    "https://www.dingtalk.com/",
    "https://club.dingding.xin/",
    ...["*.dingtalk.com", "*.dingding.xin", "*.test"].flatMap((p) => [
      "--resolve",
      `${p}=127.0.0.1:${ps.port}`,
    ]),
    "--insecure",
    "--concurrency=2",
    ...extra,
  ];
}

export function propertySetOptions(ps: PropertySet, extra: string[] = []): AuditOptions {
  const parsed = parseAuditArgs(propertySetArgs(ps, extra));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.options;
}

/**
 * A report without what differs between two runs over the same pages: times, random values' sizes and
 * the lifetimes measured from them.
 */
export function comparable(report: AuditReport): unknown {
  return {
    ...report,
    generatedAt: "",
    options: { ...report.options, shards: [] },
    pages: report.pages.map((p) => ({
      ...p,
      durationMs: 0,
      items: p.items.map(({ firstSeen, expires, retentionSeconds, size, ...rest }) => rest),
      // Retention messages carry rounded lifetimes; their presence is what must match.
      findings: p.findings.map((f) => ({ ...f, message: f.type })),
    })),
  };
}
