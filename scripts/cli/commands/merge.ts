import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { FINDING_TYPES, type FindingType } from "../../../shared/model.ts";
import { mergeReports } from "../../audit/merge.ts";
import { readReport } from "../../audit/report/json.ts";
import { failingCount } from "../../audit/report/summary.ts";
import { renderText } from "../../audit/report/text.ts";
import { writeReports } from "../../audit/report/write.ts";
import { FORMATS, type ReportFormat } from "../../audit/types.ts";
import type { Command } from "../command.ts";

const USAGE = `Usage: cookie-ledger merge <audit.json...> [--out DIR] [--format html,json,junit] [--fail-on LIST]

Merges the JSON reports of a sharded audit (audit --shard i/n) into one report, equal to what one unsharded
run would have written, and writes it in each format.

Exit codes: 0 merged, 1 findings named by --fail-on, 2 bad arguments or reports that cannot be merged.`;

function pick<T extends string>(value: string, allowed: readonly T[]): T[] | string {
  const out: T[] = [];
  for (const v of value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(allowed as readonly string[]).includes(v))
      return `unknown value "${v}" (expected ${allowed.join(", ")})`;
    out.push(v as T);
  }
  return out;
}

export const mergeCommand: Command = {
  name: "merge",
  summary: "Merge the JSON reports of a sharded audit into one report",
  usage: USAGE,
  async run(args, io) {
    let parsed: ReturnType<typeof parseArgs<{ options: typeof SPEC; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args, options: SPEC, allowPositionals: true });
    } catch (error) {
      io.err(`cookie-ledger merge: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    const { values, positionals } = parsed;
    const formats = pick<ReportFormat>(values.format ?? FORMATS.join(","), FORMATS);
    const failOn = pick<FindingType>(values["fail-on"] ?? "", FINDING_TYPES);
    for (const problem of [formats, failOn]) {
      if (typeof problem === "string") {
        io.err(`cookie-ledger merge: ${problem}`);
        return 2;
      }
    }
    if (positionals.length === 0) {
      io.err("cookie-ledger merge: give the JSON reports to merge");
      return 2;
    }
    const reports = [];
    for (const file of positionals) {
      const text = await readFile(resolve(io.cwd, file), "utf8").catch(() => undefined);
      const read = text === undefined ? { ok: false as const, error: "cannot read it" } : readReport(text);
      if (!read.ok) {
        io.err(`cookie-ledger merge: ${file}: ${read.error}`);
        return 2;
      }
      reports.push(read.report);
    }
    const merged = mergeReports(reports);
    if (!merged.ok) {
      io.err(`cookie-ledger merge: ${merged.error}`);
      return 2;
    }
    for (const w of merged.warnings) io.err(`cookie-ledger merge: warning: ${w}`);
    const fail = failOn as FindingType[];
    const written = writeReports(
      merged.report,
      resolve(io.cwd, values.out ?? "cookie-ledger-report"),
      formats as ReportFormat[],
      fail,
    );
    io.out(renderText(merged.report));
    for (const [format, path] of Object.entries(written)) io.out(`${format} report: ${path}`);
    return failingCount(merged.report, fail) > 0 ? 1 : 0;
  },
};

const SPEC = {
  out: { type: "string" },
  format: { type: "string" },
  "fail-on": { type: "string" },
} as const;
