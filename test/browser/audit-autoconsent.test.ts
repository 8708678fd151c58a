/**
 * Pages without the SDK: the audit answers a third-party consent banner (vanilla-cookieconsent v3) through
 * @duckduckgo/autoconsent's rules, and says so when a page has no banner it can answer.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAuditArgs } from "../../scripts/audit/options.ts";
import { runAudit } from "../../scripts/audit/run.ts";
import type { AuditReport } from "../../scripts/audit/types.ts";
import { main } from "../../scripts/cli/main.ts";
import { makeTempDir, removeTempDir } from "../support/temp.ts";

const require = createRequire(import.meta.url);
const dist = (file: string) => readFileSync(require.resolve(`vanilla-cookieconsent/dist/${file}`), "utf8");

const BANNER_PAGE = `<!doctype html><html><head><link rel="stylesheet" href="/cc.css"></head><body>
<h1>Shop</h1><script src="/cc.js"></script><script>
CookieConsent.run({
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  onConsent: () => {
    if (CookieConsent.acceptedCategory("analytics")) document.cookie = "_ga=GA1.1.42; max-age=3600; path=/";
  },
  language: { default: "en", translations: { en: {
    consentModal: { title: "We use cookies", description: "Analytics helps us.", acceptAllBtn: "Accept all",
      acceptNecessaryBtn: "Reject all", showPreferencesBtn: "Manage" },
    preferencesModal: { title: "Preferences", acceptAllBtn: "Accept all", acceptNecessaryBtn: "Reject all",
      savePreferencesBtn: "Save", sections: [] } } } },
});
</script></body></html>`;

describe("audit with autoconsent on pages without the SDK", () => {
  let server: Server;
  let base: string;
  let report: AuditReport;
  const page = (path: string, scenario: string) =>
    report.pages.find((p) => p.url === `${base}${path}` && p.scenario === scenario)!;

  beforeAll(async () => {
    const files: Record<string, [string, string]> = {
      "/": ["text/html", BANNER_PAGE],
      "/plain": ["text/html", "<!doctype html><title>plain</title><p>No banner here."],
      // An image that never arrives: the page never fires `load`.
      "/stall": [
        "text/html",
        '<!doctype html><script>document.cookie = "early=1; path=/"</script><img src="/hang">',
      ],
      "/cc.js": ["text/javascript", dist("cookieconsent.umd.js")],
      "/cc.css": ["text/css", dist("cookieconsent.css")],
    };
    server = createServer((req, res) => {
      if (req.url === "/hang") return;
      const file = files[new URL(req.url ?? "/", "http://x").pathname];
      res.writeHead(file ? 200 : 404, { "content-type": file?.[0] ?? "text/plain" });
      res.end(file?.[1] ?? "");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Port 1 refuses connections: that page fails, the others are still audited.
    const parsed = parseAuditArgs([
      `${base}/`,
      `${base}/plain`,
      "http://127.0.0.1:1/",
      `${base}/stall`,
      "--timeout=4",
      "--settle=1000",
      "--depth=0",
      "--registry=none",
      "--concurrency=2",
    ]);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    report = await runAudit(parsed.options);
  }, 180_000);
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("rejects and accepts through the banner's own buttons", () => {
    for (const scenario of ["reject-all", "accept-all"]) {
      expect(page("/", scenario).consent, scenario).toEqual({
        method: "autoconsent",
        answered: true,
        cmp: "cookieconsent3",
      });
      // The banner stored its record of the choice.
      expect(page("/", scenario).items.map((i) => i.name)).toContain("cc_cookie");
    }
    expect(page("/", "accept-all").items.map((i) => i.name)).toContain("_ga");
    expect(page("/", "reject-all").items.map((i) => i.name)).not.toContain("_ga");
  });

  it("says when a page has no banner it could answer", () => {
    expect(page("/plain", "reject-all").consent).toEqual({
      method: "none",
      answered: false,
      note: "no consent banner could be answered",
    });
    expect(page("/", "before-consent").consent.answered).toBe(false);
  });

  it("reports a page that cannot be loaded without failing the run", () => {
    const failed = report.pages.filter((p) => p.status === "error");
    expect(failed.map((p) => `${p.url} ${p.scenario}`).sort()).toEqual([
      "http://127.0.0.1:1/ accept-all",
      "http://127.0.0.1:1/ before-consent",
      "http://127.0.0.1:1/ reject-all",
    ]);
    expect(failed[0]!.error).toMatch(/ERR_CONNECTION_REFUSED|ERR_UNSAFE_PORT/);
    expect(report.pages.filter((p) => p.status === "ok").length).toBe(9);
  });

  it("audits a page whose load never ends with what it stored by the timeout", () => {
    for (const scenario of ["before-consent", "reject-all", "accept-all"]) {
      const stalled = page("/stall", scenario);
      expect(stalled.status, scenario).toBe("ok");
      expect(stalled.items.map((i) => i.name)).toEqual(["early"]);
    }
  });

  it("exits 3 through the CLI when not a single page could be loaded", async () => {
    const dir = makeTempDir("audit-unreachable");
    try {
      const lines: string[] = [];
      const io = {
        out: (t: string) => lines.push(t),
        err: (t: string) => lines.push(t),
        isTTY: false,
        cwd: dir,
      };
      expect(
        await main(["audit", "http://127.0.0.1:1/", "--depth=0", "--format=json", "--registry=none"], io),
      ).toBe(3);
      expect(lines.join("\n")).toMatch(/no page could be audited/);
    } finally {
      removeTempDir(dir);
    }
  });

  it("without a registry, reports every item as undeclared", () => {
    expect(report.registry.source).toBe("none");
    const accept = page("/", "accept-all");
    expect(accept.findings.length).toBe(accept.items.length);
    expect(accept.findings.every((f) => f.type === "undeclared")).toBe(true);
  });
});
