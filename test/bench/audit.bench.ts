// `npm run bench audit`: pages per minute of `cookie-ledger audit` over the three scenarios at the default
// concurrency, on the local property set (SDK in every page, so consent goes through its API). The 8 pages are
// audited under 3 query variants each (24 URLs, no crawl) so that the pool stays busy. Compared with the
// published figure of the EDPS website-evidence-collector, about 8 s per page (one visit, no scenarios): it
// is not on the npm registry and cannot be installed here. Needs `npm run build`.
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { parseAuditArgs } from "../../scripts/audit/options.ts";
import { runAudit } from "../../scripts/audit/run.ts";
import { loadGroundTruth } from "../support/ground-truth.ts";
import { startPropertySet } from "../support/property-set.ts";

const RUNS = 2;
/** Linux clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat times. */
const TICKS = 100;

/**
 * CPU seconds used by this process and its reaped children: Chromium is our child and reaps its renderers, so
 * after the browser closes this covers the whole audit, whatever else the machine is doing.
 */
function cpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // utime, stime, cutime, cstime are fields 14–17 of stat; after the ") " split they start at index 11.
  return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / TICKS;
}
const EDPS_SECONDS_PER_PAGE = 8;

const ps = await startPropertySet({ sdk: true });
try {
  const pages = loadGroundTruth().pages.map((p) => p.url);
  const urls = [1, 2, 3].flatMap((v) => pages.map((u) => `${u}${u.includes("?") ? "&" : "?"}bench=${v}`));
  const parsed = parseAuditArgs([
    ...urls,
    "--depth=0",
    `--pages=${urls.length}`,
    ...["*.dingtalk.com", "*.dingding.xin", "*.test"].flatMap((p) => [
      "--resolve",
      `${p}=127.0.0.1:${ps.port}`,
    ]),
    "--insecure",
  ]);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const { options } = parsed;
  console.log(
    `${urls.length} pages × ${options.scenarios.length} scenarios, concurrency ${options.concurrency} (default, ${availableParallelism()} cores)`,
  );
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const load = loadavg()[0]!.toFixed(1);
    const started = performance.now();
    const cpuBefore = cpuSeconds();
    const report = await runAudit(options);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds() - cpuBefore;
    const failed = report.pages.filter((p) => p.status === "error").length;
    if (failed) throw new Error(`${failed} page visits failed`);
    const perMinute = (report.urls.length / seconds) * 60;
    rates.push(perMinute);
    const cpuPerPage = cpu / report.urls.length;
    cpuRates.push((availableParallelism() * 60) / cpuPerPage);
    console.log(
      `  run ${run}: ${seconds.toFixed(1)} s, ${perMinute.toFixed(1)} pages/min, ${(seconds / report.urls.length).toFixed(2)} s/page (load average ${load}); CPU ${cpuPerPage.toFixed(2)} s/page`,
    );
  }
  const best = Math.max(...rates);
  const edps = 60 / EDPS_SECONDS_PER_PAGE;
  console.log(`best: ${best.toFixed(1)} pages/min (three scenarios each)`);
  console.log(
    `EDPS website-evidence-collector, published: ~${EDPS_SECONDS_PER_PAGE} s/page = ${edps.toFixed(1)} pages/min (one visit each)`,
  );
  console.log(`ratio ${(best / edps).toFixed(1)}×   target ≥ 3×: ${best / edps >= 3 ? "met" : "NOT met"}`);
  const bound = Math.max(...cpuRates);
  console.log(
    `CPU bound on an idle ${availableParallelism()}-core machine: ${bound.toFixed(1)} pages/min (${(bound / edps).toFixed(1)}× the EDPS figure)`,
  );
} finally {
  await ps.stop();
}
