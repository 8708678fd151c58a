/** The CLI end to end on the property set: two shards merged equal one unsharded run; exit codes. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readReport } from "../../scripts/audit/report/json.ts";
import { runAudit } from "../../scripts/audit/run.ts";
import type { AuditReport } from "../../scripts/audit/types.ts";
import type { CliIO } from "../../scripts/cli/command.ts";
import { main } from "../../scripts/cli/main.ts";
import { loadRegistry } from "../../shared/registry/load.ts";
import { type PropertySet, startPropertySet } from "../support/property-set.ts";
import { makeTempDir, removeTempDir } from "../support/temp.ts";
import { comparable, propertySetArgs, propertySetOptions } from "./audit-helpers.ts";

function captureIO(cwd: string): CliIO & { lines: string[] } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), isTTY: false, cwd, lines };
}

function read(path: string): AuditReport {
  const r = readReport(readFileSync(path, "utf8"));
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

// Two scenarios keep the three audits short; sharding does not depend on which scenarios run.
const SCOPE = ["--depth=2", "--scenarios=before-consent,accept-all"];

describe("sharded audit through the CLI", () => {
  let ps: PropertySet;
  let dir: string;
  let codes: number[];
  let merged: AuditReport;
  let whole: AuditReport;

  beforeAll(async () => {
    ps = await startPropertySet({ sdk: false });
    dir = makeTempDir("audit-shards");
    codes = [];
    for (const shard of ["1/2", "2/2"]) {
      const io = captureIO(dir);
      const args = propertySetArgs(ps, [
        ...SCOPE,
        `--shard=${shard}`,
        "--format=json",
        `--out=shard${shard[0]}`,
      ]);
      codes.push(await main(["audit", ...args], io));
    }
    const io = captureIO(dir);
    const args = ["shard1/audit.json", "shard2/audit.json", "--out=merged", "--fail-on=undeclared"];
    codes.push(await main(["merge", ...args], io));
    merged = read(join(dir, "merged", "audit.json"));
    whole = await runAudit(propertySetOptions(ps, SCOPE));
  }, 300_000);
  afterAll(async () => {
    await ps?.stop();
    if (dir) removeTempDir(dir);
  });

  it("splits the pages between the shards without overlap", () => {
    const a = read(join(dir, "shard1", "audit.json"));
    const b = read(join(dir, "shard2", "audit.json"));
    expect([...a.urls, ...b.urls].sort()).toEqual(whole.urls);
    expect(a.urls.filter((u) => b.urls.includes(u))).toEqual([]);
    expect(a.options.shards).toEqual([{ index: 1, count: 2 }]);
  });

  it("merges the shards into what one unsharded run reports", () => {
    expect(comparable(merged)).toEqual(comparable(whole));
    expect(merged.options.shards).toEqual([]);
  });

  it("exits 0 without --fail-on and 1 when a named finding type is found", () => {
    expect(codes).toEqual([0, 0, 1]);
  });

  it("scaffolds a registry from the merged report that validates", async () => {
    const io = captureIO(dir);
    expect(await main(["scaffold", "merged/audit.json"], io)).toBe(0);
    const loaded = loadRegistry(io.lines.join("\n"));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (!loaded.ok) return;
    const names = loaded.registry.entries.map((e) => e.name);
    for (const name of ["dt_debug_flags", "h5_ab_bucket", "ad_chips", "acw_tc"])
      expect(names).toContain(name);
    expect(loaded.registry.entries.every((e) => e.source === "inferred")).toBe(true);
    expect(loaded.registry.entries.find((e) => e.name === "ad_chips")?.partitioned).toBe(true);
  });

  it("writes every format the merge was asked for", () => {
    const html = readFileSync(join(dir, "merged", "index.html"), "utf8");
    expect(html).toContain("Storage audit");
    expect(readFileSync(join(dir, "merged", "junit.xml"), "utf8")).toContain("<testsuites");
  });
});
