import { describe, expect, it } from "vitest";
import { chromiumArgs, hostResolverRules } from "../../scripts/audit/browser.ts";
import { defaultConcurrency, parseAuditArgs, parseResolve, parseShard } from "../../scripts/audit/options.ts";

describe("audit options", () => {
  it("applies the documented defaults", () => {
    const r = parseAuditArgs(["www.example.com"], {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.options).toMatchObject({
      urls: ["https://www.example.com/"],
      pages: 20,
      depth: 2,
      scenarios: ["before-consent", "reject-all", "accept-all"],
      formats: ["html", "json", "junit"],
      failOn: [],
      insecure: false,
      resolve: [],
      timeoutMs: 30_000,
      browserPath: "/usr/bin/chromium",
    });
    expect(r.options.shard).toBeUndefined();
    expect(r.options.concurrency).toBe(defaultConcurrency());
  });

  it("reads every option", () => {
    const r = parseAuditArgs(
      [
        "https://a.example/x#frag",
        "https://b.example/",
        "--registry=reg.json",
        "--pages=5",
        "--depth=0",
        "--scenarios=accept-all,before-consent",
        "--out=out",
        "--format=json",
        "--fail-on=undeclared,set-before-consent",
        "--concurrency=3",
        "--shard=2/4",
        "--resolve=*.example=127.0.0.1:8443",
        "--resolve",
        "www.b.example=[::1]",
        "--insecure",
        "--timeout=5",
        "--settle=100",
      ],
      { CHROME_PATH: "/opt/chrome" },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const o = r.options;
    expect(o.urls).toEqual(["https://a.example/x", "https://b.example/"]);
    // Scenarios run in their canonical order whatever the order given.
    expect(o.scenarios).toEqual(["before-consent", "accept-all"]);
    expect(o.failOn).toEqual(["undeclared", "set-before-consent"]);
    expect(o.shard).toEqual({ index: 2, count: 4 });
    expect(o.resolve).toEqual([
      { pattern: "*.example", address: "127.0.0.1", port: 8443 },
      { pattern: "www.b.example", address: "[::1]" },
    ]);
    expect(o).toMatchObject({ registry: "reg.json", pages: 5, depth: 0, concurrency: 3, insecure: true });
    expect(o).toMatchObject({
      timeoutMs: 5000,
      settleMs: 100,
      browserPath: "/opt/chrome",
      formats: ["json"],
    });
  });

  it("reports every bad value instead of throwing", () => {
    const r = parseAuditArgs(
      ["ftp://x", "--shard=0/2", "--scenarios=maybe", "--fail-on=bad", "--pages=-1", "--resolve=x"],
      {},
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join("\n")).toMatch(/ftp:\/\/x/);
    expect(r.errors.join("\n")).toMatch(/--shard/);
    expect(r.errors.join("\n")).toMatch(/--scenarios: unknown value "maybe"/);
    expect(r.errors.join("\n")).toMatch(/--fail-on: unknown value "bad"/);
    expect(r.errors.join("\n")).toMatch(/--pages/);
    expect(r.errors.join("\n")).toMatch(/--resolve/);
    expect(parseAuditArgs([], {}).ok).toBe(false);
    expect(parseAuditArgs(["x.example", "--no-such-option"], {}).ok).toBe(false);
  });

  it("parses shards and resolve rules strictly", () => {
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    expect(parseShard("3/2")).toBeUndefined();
    expect(parseShard("a/2")).toBeUndefined();
    expect(parseResolve("*.dingtalk.com=127.0.0.1:1")).toEqual({
      pattern: "*.dingtalk.com",
      address: "127.0.0.1",
      port: 1,
    });
    expect(parseResolve("a.example=300.0.0.1")).toBeUndefined();
    expect(parseResolve("a.example=127.0.0.1:70000")).toBeUndefined();
    // A comma would smuggle another Chromium rule in.
    expect(parseResolve("a.example,MAP *=127.0.0.1")).toBeUndefined();
    expect(parseResolve("a.example=host.name")).toBeUndefined();
  });

  it("builds Chromium's resolver rules and flags", () => {
    const resolve = [
      { pattern: "*.dingtalk.com", address: "127.0.0.1", port: 8443 },
      { pattern: "x.test", address: "10.0.0.1" },
    ];
    expect(hostResolverRules(resolve)).toBe("MAP *.dingtalk.com 127.0.0.1:8443, MAP x.test 10.0.0.1");
    expect(hostResolverRules([])).toBeUndefined();
    const args = chromiumArgs({ resolve, insecure: true, browserPath: "x" });
    expect(args).toContain("--host-resolver-rules=MAP *.dingtalk.com 127.0.0.1:8443, MAP x.test 10.0.0.1");
    expect(args).toContain("--ignore-certificate-errors");
    expect(chromiumArgs({ resolve: [], insecure: false, browserPath: "x" })).not.toContain(
      "--ignore-certificate-errors",
    );
    expect(chromiumArgs({ resolve: [], insecure: false, browserPath: "x", extension: "/ext" })).toEqual(
      expect.arrayContaining(["--load-extension=/ext", "--disable-extensions-except=/ext"]),
    );
  });

  it("sizes concurrency for the machine within bounds", () => {
    expect(defaultConcurrency(1)).toBe(2);
    expect(defaultConcurrency(2)).toBe(3);
    expect(defaultConcurrency(64)).toBe(6);
  });
});
