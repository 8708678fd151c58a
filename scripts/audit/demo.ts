/**
 * The demo behind `npm start`: serves the local property set with the SDK in every page, audits it with the
 * Cookie Ledger extension installed, writes reports/demo/{index.html,audit.json,junit.xml}, and prints the
 * report's path and the findings summary.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { CliIO } from "../cli/command.ts";
import { findRepoRoot } from "../demo/paths.ts";
import { startPropertySet } from "../demo/server.ts";
import { parseAuditArgs } from "./options.ts";
import { createProgress } from "./progress.ts";
import { renderText } from "./report/text.ts";
import { writeReports } from "./report/write.ts";
import { runAudit } from "./run.ts";

export const DEMO_USAGE = `Usage: cookie-ledger start [--no-extension]

Runs the full demo: starts the local copy of DingTalk's property set (HTTPS on loopback) with the Cookie Ledger
SDK in every page, audits it in the three consent scenarios with the extension installed, writes the reports
to reports/demo/ (index.html, audit.json, junit.xml) and prints the findings summary.

Options:
  --no-extension   audit without the extension (faster: one browser for every page)

The registry table the command used to print is \`cookie-ledger registry-table\`.`;

export async function runDemo(args: string[], io: CliIO): Promise<number> {
  const unknown = args.filter((a) => a !== "--no-extension");
  if (unknown.length) {
    io.err(`cookie-ledger start: unexpected argument "${unknown[0]}"`);
    return 2;
  }
  const root = findRepoRoot();
  const extension = join(root, "dist", "extension", "chrome");
  const withExtension = !args.includes("--no-extension") && existsSync(join(extension, "manifest.json"));
  const ps = await startPropertySet({ sdk: true, root });
  try {
    if (!ps.sdkAvailable) io.err("note: dist/sdk/cookie-ledger.js is missing; pages run without the SDK");
    const out = join(root, "reports", "demo");
    const parsed = parseAuditArgs([
      ps.url("www.dingtalk.com"),
      ps.url("club.dingding.xin"),
      ...["*.dingtalk.com", "*.dingding.xin", "*.test"].flatMap((p) => [
        "--resolve",
        `${p}=127.0.0.1:${ps.port}`,
      ]),
      "--insecure",
      `--out=${out}`,
      ...(withExtension ? [`--extension=${extension}`] : []),
    ]);
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const { options } = parsed;
    io.err(
      `Auditing the property set on 127.0.0.1:${ps.port} with the SDK${withExtension ? " and the extension" : ""}…`,
    );
    const progress = createProgress(io.isTTY && !process.env.CI, io.err);
    const report = await runAudit(options, { progress, cwd: root });
    const written = writeReports(report, out, options.formats, options.failOn);
    io.out(renderText(report));
    io.out("");
    io.out(`HTML report: ${written.html}`);
    io.out(`JSON: ${relative(io.cwd, written.json ?? "")}  JUnit: ${relative(io.cwd, written.junit ?? "")}`);
    return 0;
  } finally {
    await ps.stop();
  }
}
