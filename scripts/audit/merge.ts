/**
 * Merges shard reports (`audit --shard i/n`) into one. The result equals the report of one unsharded run over
 * the same pages, apart from timings: pages and URLs are re-sorted, and a complete set of shards 1..n is
 * recorded as no sharding at all.
 */
import { sortReport } from "./report/sort.ts";
import type { AuditReport, Shard } from "./types.ts";

export type MergeResult =
  | { ok: true; report: AuditReport; warnings: string[] }
  | { ok: false; error: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function shardWarnings(shards: Shard[]): { complete: boolean; warnings: string[] } {
  if (shards.length === 0) return { complete: true, warnings: [] };
  const counts = new Set(shards.map((s) => s.count));
  if (counts.size > 1)
    return { complete: false, warnings: [`shards of different splits: ${[...counts].join(", ")}`] };
  const count = shards[0]!.count;
  const missing: number[] = [];
  for (let i = 1; i <= count; i++) if (!shards.some((s) => s.index === i)) missing.push(i);
  if (missing.length === 0) return { complete: true, warnings: [] };
  return {
    complete: false,
    warnings: [`shard(s) ${missing.map((i) => `${i}/${count}`).join(", ")} missing`],
  };
}

export function mergeReports(reports: readonly AuditReport[]): MergeResult {
  const [first, ...rest] = reports;
  if (!first) return { ok: false, error: "nothing to merge" };
  for (const [i, r] of rest.entries()) {
    const which = `report ${i + 2}`;
    if (!same(r.registry.revision, first.registry.revision) || r.registry.source !== first.registry.source)
      return { ok: false, error: `${which} was checked against another registry than report 1` };
    if (!same(r.options.scenarios, first.options.scenarios))
      return { ok: false, error: `${which} ran other scenarios (${r.options.scenarios.join(", ")})` };
  }
  const seen = new Map<string, number>();
  for (const [i, r] of reports.entries())
    for (const page of r.pages) {
      const key = `${page.url} ${page.scenario}`;
      const before = seen.get(key);
      if (before !== undefined)
        return {
          ok: false,
          error: `${key} appears in report ${before + 1} and report ${i + 1}: overlapping shards`,
        };
      seen.set(key, i);
    }
  const shards = reports.flatMap((r) => r.options.shards);
  const { complete, warnings } = shardWarnings(shards);
  const latest = reports
    .map((r) => r.generatedAt)
    .sort()
    .at(-1)!;
  const merged: AuditReport = {
    ...first,
    generatedAt: latest,
    options: { ...first.options, shards: complete ? [] : shards },
    urls: reports.flatMap((r) => r.urls),
    pages: reports.flatMap((r) => r.pages),
  };
  return { ok: true, report: sortReport(merged), warnings };
}
