import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CliIO } from "../../scripts/cli/command.ts";
import { main } from "../../scripts/cli/main.ts";
import { loadRegistry } from "../../shared/registry/load.ts";

const root = new URL("../../", import.meta.url).pathname;

async function cli(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, cwd };
  const code = await main(argv, io);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cookie-ledger-convert-"));
  writeFileSync(join(dir, "dingtalk.json"), readFileSync(join(root, "shared/registries/dingtalk.json")));
  writeFileSync(
    join(dir, "vendor.json"),
    JSON.stringify({
      disclosures: [
        {
          identifier: "_vid",
          type: "cookie",
          maxAgeSeconds: 86400,
          cookieRefresh: true,
          domain: "*.vendor.example",
          purposes: [1, 3, 4],
        },
        { identifier: "vendor_state", type: "web", maxAgeSeconds: null, domain: "*", purposes: [1] },
        { identifier: "mobile", type: "app", maxAgeSeconds: null, purposes: [1] },
      ],
    }),
  );
  writeFileSync(
    join(dir, "bad-tcf.json"),
    JSON.stringify({ disclosures: [{ identifier: "x", type: "cookie", purposes: ["1"] }] }),
  );
});

describe("cookie-ledger convert", () => {
  it("--to tcf writes disclosures for every non-Flash entry and warns about Flash", async () => {
    const result = await cli(dir, "convert", "--to", "tcf", "dingtalk.json");
    expect(result.code).toBe(0);
    const { disclosures } = JSON.parse(result.stdout);
    const registry = loadRegistry(readFileSync(join(dir, "dingtalk.json"), "utf8"));
    if (!registry.ok) throw new Error("bundled registry invalid");
    const flash = registry.registry.entries.filter((e) => e.kind === "flash").length;
    expect(disclosures).toHaveLength(registry.registry.entries.length - flash);
    expect(result.stderr).toMatch(/dingtalk\.json: warning: \/entries\/\d+: Flash storage has no TCF type/);
  });

  it("--to ledger writes a valid registry, to a file with --out", async () => {
    const result = await cli(
      dir,
      "convert",
      "--to",
      "ledger",
      "--policy-url",
      "https://vendor.example/privacy",
      "--provider",
      "Vendor",
      "--out",
      "vendor-registry.json",
      "vendor.json",
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('/disclosures/2: "app" storage is not web storage');
    const written = loadRegistry(readFileSync(join(dir, "vendor-registry.json"), "utf8"));
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    expect(written.registry.site.name).toBe("vendor.example");
    expect(written.registry.entries.map((e) => [e.kind, e.name, e.domain, e.category])).toEqual([
      ["cookie", "_vid", "vendor.example", "marketing"],
      ["localStorage", "vendor_state", undefined, "functional"],
    ]);
    const back = await cli(dir, "convert", "--to", "tcf", "vendor-registry.json");
    expect(JSON.parse(back.stdout).disclosures[0]).toEqual({
      identifier: "_vid",
      type: "cookie",
      maxAgeSeconds: 86400,
      cookieRefresh: true,
      domain: "*.vendor.example",
      purposes: [1, 3, 4],
    });
  });

  it("reports invalid input like validate does, exit 1", async () => {
    const result = await cli(
      dir,
      "convert",
      "--to",
      "ledger",
      "--policy-url",
      "https://v.example/p",
      "bad-tcf.json",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bad-tcf\.json:1:\d+: \/disclosures\/0\/purposes\/0: expected/);
  });

  it("exits 2 on usage errors", async () => {
    expect((await cli(dir, "convert", "dingtalk.json")).code).toBe(2);
    expect((await cli(dir, "convert", "--to", "xml", "dingtalk.json")).code).toBe(2);
    const noPolicy = await cli(dir, "convert", "--to", "ledger", "vendor.json");
    expect(noPolicy).toMatchObject({ code: 2, stderr: expect.stringContaining("--policy-url") });
    expect((await cli(dir, "convert", "--to", "tcf")).code).toBe(2);
    const badUrl = await cli(dir, "convert", "--to", "ledger", "--policy-url", "privacy.html", "vendor.json");
    expect(badUrl).toMatchObject({ code: 2, stderr: expect.stringContaining("absolute http(s) URL") });
  });

  it("has help of its own", async () => {
    expect((await cli(dir, "convert", "--help")).stdout).toMatch(
      /^Usage: cookie-ledger convert --to tcf\|ledger/,
    );
  });
});
