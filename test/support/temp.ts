import { mkdirSync, mkdtempSync, rmdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Prefix of every temp folder the harness makes; test/support/global-setup.ts checks none survive a run. */
export const TEMP_PREFIX = "cookie-ledger-test-";

/**
 * This worker's temp root: `<tmp>/cookie-ledger-test-<run>-<pid>`. The run id (set by the global setup)
 * lets the end-of-run check tell our folders from those of other runs on a shared machine.
 */
export function tempRoot(): string {
  const run = process.env.COOKIE_LEDGER_TEST_RUN ?? "adhoc";
  return join(tmpdir(), `${TEMP_PREFIX}${run}-${process.pid}`);
}

export function makeTempDir(label: string): string {
  const root = tempRoot();
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, `${label}-`));
}

/** Removes a temp folder, then the worker's root once it is empty. Retries: Chromium may still be flushing. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  try {
    rmdirSync(tempRoot());
  } catch {
    // Not empty (another browser of this worker is open) or already gone.
  }
}
