import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEMP_PREFIX } from "./temp.ts";

/**
 * Vitest global setup: gives the run an id (inherited by the workers, see temp.ts) and, after the whole suite,
 * fails the run if a Chromium process or a temp folder of this run survived.
 */
export default function setup(): () => void {
  const run = randomBytes(4).toString("hex");
  process.env.COOKIE_LEDGER_TEST_RUN = run;
  const marker = `${TEMP_PREFIX}${run}-`;
  return () => {
    const folders = readdirSync(tmpdir()).filter((name) => name.startsWith(marker));
    const processes = leftoverProcesses(marker);
    const problems = [
      ...folders.map((f) => `temp folder left behind: ${tmpdir()}/${f}`),
      ...processes.map((p) => `process left running: ${p}`),
    ];
    if (!problems.length) return;
    // Vitest only logs an error thrown here; the exit code is what CI sees.
    process.exitCode = 1;
    for (const folder of folders) rmSync(join(tmpdir(), folder), { recursive: true, force: true });
    throw new Error(`the test run did not clean up:\n${problems.join("\n")}`);
  };
}

/** Command lines of running processes that mention this run's temp folders (its Chromium instances). */
export function leftoverProcesses(marker: string): string[] {
  const out = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => line.includes(marker) && !line.includes(" ps -eo"))
    .map((line) => line.trim().slice(0, 200));
}
