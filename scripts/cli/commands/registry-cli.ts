// Helpers shared by `validate` and `convert`: reading input files and printing registry issues.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { formatIssue, type RegistryIssue } from "../../../shared/registry/errors.ts";
import type { CliIO } from "../command.ts";

export type ReadResult = { ok: true; text: string } | { ok: false; issue: RegistryIssue };

/** Reads a file as UTF-8 text; a file that cannot be read becomes an issue, never an exception. */
export async function readInput(file: string, io: CliIO): Promise<ReadResult> {
  try {
    return { ok: true, text: await readFile(resolve(io.cwd, file), "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? String(error));
    return {
      ok: false,
      issue: {
        pointer: "",
        expected: "a readable file",
        found: reason,
        message: `cannot read file: ${reason}`,
      },
    };
  }
}

/** Prints each issue on its own line: `file:line:column: /pointer: message (expected …, found …)`. */
export function printIssues(io: CliIO, file: string, issues: readonly RegistryIssue[]): void {
  for (const issue of issues) io.err(formatIssue(issue, file));
}

/** `parseArgs` option errors, as one line and exit code 2. */
export function usageError(io: CliIO, command: string, error: unknown): number {
  io.err(`cookie-ledger ${command}: ${error instanceof Error ? error.message : String(error)}`);
  io.err(`Run \`cookie-ledger ${command} --help\` for usage.`);
  return 2;
}
