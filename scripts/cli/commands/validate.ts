// `cookie-ledger validate FILE...`: checks registries against the cookie-ledger/1 format.
import { parseArgs } from "node:util";
import type { RegistryIssue } from "../../../shared/registry/errors.ts";
import { loadRegistry } from "../../../shared/registry/load.ts";
import type { CliIO, Command } from "../command.ts";
import { printIssues, readInput, usageError } from "./registry-cli.ts";

interface FileReport {
  file: string;
  valid: boolean;
  entries?: number;
  errors: RegistryIssue[];
}

async function validateFile(file: string, io: CliIO): Promise<FileReport> {
  const input = await readInput(file, io);
  if (!input.ok) return { file, valid: false, errors: [input.issue] };
  const result = loadRegistry(input.text);
  return result.ok
    ? { file, valid: true, entries: result.registry.entries.length, errors: [] }
    : { file, valid: false, errors: result.errors };
}

export const validateCommand: Command = {
  name: "validate",
  summary: "Check registries (cookie-ledger/1) and report every error",
  usage: [
    "Usage: cookie-ledger validate [--json] FILE...",
    "",
    "Checks each registry against the cookie-ledger/1 format (docs/registry.md): the schema,",
    "unknown keys (except x-…), duplicate entries, purposes and their categories, cookie-only",
    "fields. Every error is printed on its own line to stderr:",
    "",
    "  FILE:LINE:COLUMN: /json/pointer: message (expected …, found …)",
    "",
    "Options:",
    "  --json      Print one JSON report on stdout instead: {valid, files: [{file, valid, entries, errors}]}",
    "  -h, --help  Show this help",
    "",
    "Exit status: 0 when every file is valid, 1 when any is not, 2 on a usage error.",
  ].join("\n"),
  async run(args, io) {
    let parsed: { values: { json?: boolean }; positionals: string[] };
    try {
      parsed = parseArgs({ args, options: { json: { type: "boolean" } }, allowPositionals: true });
    } catch (error) {
      return usageError(io, "validate", error);
    }
    const files = parsed.positionals;
    if (files.length === 0) return usageError(io, "validate", new Error("no FILE given"));
    const reports: FileReport[] = [];
    for (const file of files) reports.push(await validateFile(file, io));
    const valid = reports.every((report) => report.valid);
    if (parsed.values.json) {
      io.out(JSON.stringify({ valid, files: reports }, null, 2));
      return valid ? 0 : 1;
    }
    for (const report of reports) {
      if (report.valid) io.out(`${report.file}: valid (${report.entries} entries)`);
      else printIssues(io, report.file, report.errors);
    }
    const errorCount = reports.reduce((sum, report) => sum + report.errors.length, 0);
    const invalidFiles = reports.filter((report) => !report.valid).length;
    if (!valid) io.err(`${errorCount} error(s) in ${invalidFiles} of ${reports.length} file(s)`);
    return valid ? 0 : 1;
  },
};
