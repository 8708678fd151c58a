import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const dir = join("dist", "extension", "firefox");
const run = promisify(execFile);

describe("Firefox build (dist/extension/firefox, made by `npm run build`)", () => {
  it("uses background scripts, not a service worker, and carries a gecko id", () => {
    expect(existsSync(join(dir, "manifest.json")), "run `npm run build` first").toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest.background.scripts).toEqual(["background.js"]);
    expect(manifest.background.service_worker).toBeUndefined();
    expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
  });

  it("passes `web-ext lint` with no errors (offline)", async () => {
    const { stdout } = await run(
      join("node_modules", ".bin", "web-ext"),
      ["lint", "--source-dir", dir, "--output", "json", "--no-config-discovery"],
      // No update check (the only network use of web-ext lint).
      { env: { ...process.env, NO_UPDATE_NOTIFIER: "1", CI: "1" }, maxBuffer: 16 * 1024 * 1024 },
    ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }));
    const report = JSON.parse(stdout) as { errors: { code: string; message: string }[] };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
  });
});
