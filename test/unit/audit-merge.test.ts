import { describe, expect, it } from "vitest";
import { mergeReports } from "../../scripts/audit/merge.ts";
import { sortReport } from "../../scripts/audit/report/sort.ts";
import { selectShard } from "../../scripts/audit/shard.ts";
import type { AuditReport } from "../../scripts/audit/types.ts";
import { sampleReport } from "./audit-fixture.ts";

function shardOfReport(report: AuditReport, index: number, count: number): AuditReport {
  const urls = selectShard(report.urls, { index, count });
  return {
    ...report,
    options: { ...report.options, shards: [{ index, count }] },
    urls,
    // Shuffle the order a shard may have finished its pages in.
    pages: report.pages.filter((p) => urls.includes(p.url)).reverse(),
  };
}

describe("audit merge", () => {
  it("merges a complete set of shards into the unsharded report", () => {
    const whole = sortReport(sampleReport());
    for (const count of [2, 3]) {
      const shards = Array.from({ length: count }, (_, i) => shardOfReport(whole, i + 1, count));
      const merged = mergeReports(shards.reverse());
      expect(merged.ok).toBe(true);
      if (!merged.ok) return;
      expect(merged.warnings).toEqual([]);
      expect(merged.report).toEqual(whole);
    }
  });

  it("warns when a shard is missing and keeps the shard list", () => {
    const whole = sortReport(sampleReport());
    const merged = mergeReports([shardOfReport(whole, 1, 3), shardOfReport(whole, 3, 3)]);
    expect(merged.ok && merged.warnings).toEqual(["shard(s) 2/3 missing"]);
    expect(merged.ok && merged.report.options.shards).toEqual([
      { index: 1, count: 3 },
      { index: 3, count: 3 },
    ]);
  });

  it("refuses overlapping shards, other registries and other scenarios", () => {
    const a = sampleReport();
    expect(mergeReports([a, a])).toMatchObject({ ok: false, error: expect.stringMatching(/overlapping/) });
    const other = { ...sampleReport(), registry: { source: "bundled" as const, revision: "9" } };
    expect(mergeReports([a, { ...other, pages: [] }])).toMatchObject({ ok: false });
    const scen = {
      ...sampleReport(),
      pages: [],
      options: { ...a.options, scenarios: ["accept-all" as const] },
    };
    expect(mergeReports([a, scen])).toMatchObject({ ok: false, error: expect.stringMatching(/scenarios/) });
    expect(mergeReports([])).toMatchObject({ ok: false });
  });
});
