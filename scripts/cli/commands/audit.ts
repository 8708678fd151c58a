import { resolve } from "node:path";
import { AUDIT_USAGE, parseAuditArgs } from "../../audit/options.ts";
import { createProgress } from "../../audit/progress.ts";
import { RegistryError } from "../../audit/registry.ts";
import { failingCount } from "../../audit/report/summary.ts";
import { renderText } from "../../audit/report/text.ts";
import { writeReports } from "../../audit/report/write.ts";
import { runAudit } from "../../audit/run.ts";
import type { Command } from "../command.ts";

export const auditCommand: Command = {
  name: "audit",
  summary: "Audit pages in Chromium under consent scenarios; HTML, JSON and JUnit reports",
  usage: AUDIT_USAGE,
  async run(args, io) {
    const parsed = parseAuditArgs(args);
    if (!parsed.ok) {
      for (const e of parsed.errors) io.err(`cookie-ledger audit: ${e}`);
      io.err("Run `cookie-ledger audit --help` for the options.");
      return 2;
    }
    const { options } = parsed;
    const progress = createProgress(io.isTTY && !process.env.CI, io.err);
    let report: Awaited<ReturnType<typeof runAudit>>;
    try {
      report = await runAudit(options, { progress, log: io.err, cwd: io.cwd });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      io.err(`cookie-ledger audit: ${message}`);
      return error instanceof RegistryError ? 2 : 3;
    }
    const written = writeReports(report, resolve(io.cwd, options.out), options.formats, options.failOn);
    io.out(renderText(report));
    for (const [format, path] of Object.entries(written)) io.out(`${format} report: ${path}`);
    if (report.pages.every((p) => p.status === "error")) {
      io.err("cookie-ledger audit: no page could be audited");
      return 3;
    }
    const failing = failingCount(report, options.failOn);
    if (failing > 0) {
      io.out(`${failing} finding(s) of a type named by --fail-on (${options.failOn.join(", ")})`);
      return 1;
    }
    return 0;
  },
};
