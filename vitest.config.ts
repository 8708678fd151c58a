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
  },
});
