import { defineConfig } from "vitest/config";

// Two cores: browser tests launch Chromium, so keep file parallelism low.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Run id for the harness's temp folders; fails the run if a browser or temp folder survives it.
    globalSetup: ["test/support/global-setup.ts"],
    // vitest's own report, then one plain "Tests: N passed, N failed" closing line.
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
