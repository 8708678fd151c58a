import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CliIO } from "../../scripts/cli/command.ts";
import { main } from "../../scripts/cli/main.ts";

const root = new URL("../../", import.meta.url).pathname;
const dingtalk = readFileSync(join(root, "shared/registries/dingtalk.json"), "utf8");

function fakeIO(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, cwd };
  return { io, out, err };
}

async function cli(cwd: string, ...argv: string[]) {
  const { io, out, err } = fakeIO(cwd);
  const code = await main(argv, io);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cookie-ledger-validate-"));
  writeFileSync(join(dir, "good.json"), `\uFEFF${dingtalk}`);
  const bad = JSON.parse(dingtalk);
  bad.entries[2].categry = "analytics";
  bad.entries[4].kind = "cookiee";
  writeFileSync(join(dir, "bad.json"), JSON.stringify(bad, null, 2));
  writeFileSync(join(dir, "broken.json"), '{\n  "format": "cookie-ledger/1",\n}');
});

describe("cookie-ledger validate", () => {
  it("exits 0 and says so when every file is valid", async () => {
    const result = await cli(dir, "validate", "good.json");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^good\.json: valid \(\d+ entries\)$/);
  });

  it("prints every error on its own line with file, line, column and pointer, and exits 1", async () => {
    const result = await cli(dir, "validate", "good.json", "bad.json", "broken.json", "missing.json");
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toMatch(
      /^bad\.json:\d+:\d+: \/entries\/2\/categry: unknown key "categry" \(did you mean/,
    );
    expect(lines[1]).toMatch(/^bad\.json:\d+:\d+: \/entries\/4\/kind: expected .*found "cookiee"\)?$/);
    expect(lines[2]).toMatch(/^broken\.json:3:1: \(document\): JSON syntax error/);
    expect(lines[3]).toMatch(/^missing\.json: \(document\): cannot read file: no such file/);
    expect(lines[4]).toBe("4 error(s) in 3 of 4 file(s)");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("writes a JSON report with --json", async () => {
    const result = await cli(dir, "validate", "--json", "good.json", "bad.json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(false);
    expect(report.files[0]).toMatchObject({ file: "good.json", valid: true, errors: [] });
    expect(report.files[1].errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      "/entries/2/categry",
      "/entries/4/kind",
    ]);
    expect(report.files[1].errors[1]).toMatchObject({ found: '"cookiee"', line: expect.any(Number) });
  });

  it("exits 2 with a hint on usage errors", async () => {
    expect(await cli(dir, "validate")).toMatchObject({ code: 2, stderr: expect.stringContaining("no FILE") });
    expect(await cli(dir, "validate", "--bogus", "x")).toMatchObject({ code: 2 });
  });

  it("has help of its own and is listed in the overview", async () => {
    expect((await cli(dir, "validate", "--help")).stdout).toMatch(/^Usage: cookie-ledger validate/);
    expect((await cli(dir, "help", "validate")).stdout).toMatch(/--json/);
    const overview = await cli(dir, "--help");
    expect(overview.stdout).toMatch(/validate\s+Check registries/);
    expect(overview.stdout).toMatch(/convert\s+Convert between/);
  });
});

describe("built dist/cli.js", () => {
  it("validates through a real process, without a stack trace", { timeout: 120_000 }, () => {
    execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "cli"], { cwd: root, stdio: "pipe" });
    const ok = spawnSync(process.execPath, [join(root, "dist/cli.js"), "validate", "good.json"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(ok.status).toBe(0);
    const bad = spawnSync(process.execPath, [join(root, "dist/cli.js"), "validate", "bad.json"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("/entries/4/kind");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
