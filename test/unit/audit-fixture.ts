// A small, hand-written audit report for the unit tests of the audit's reports, merge and scaffold.
import type { AuditItem, AuditReport, PageResult, Scenario } from "../../scripts/audit/types.ts";

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

export function cookie(name: string, domain: string, extra: Partial<AuditItem> = {}): AuditItem {
  return {
    kind: "cookie",
    name,
    domain,
    hostOnly: false,
    path: "/",
    expires: T0 + 86400_000,
    firstSeen: T0,
    setBy: "http",
    retentionSeconds: 86400,
    classification: { classifier: "unknown" },
    ...extra,
  };
}

export function page(
  url: string,
  scenario: Scenario,
  items: AuditItem[],
  extra: Partial<PageResult> = {},
): PageResult {
  return {
    url,
    scenario,
    status: "ok",
    consent:
      scenario === "before-consent" ? { method: "none", answered: false } : { method: "sdk", answered: true },
    sdk: scenario !== "before-consent",
    items,
    findings: [],
    thirdParty: [],
    notObserved: [],
    durationMs: 1200,
    ...extra,
  };
}

export function sampleReport(): AuditReport {
  const ga = cookie("_ga", "example.com", {
    classification: { classifier: "open-cookie-database", category: "analytics", provider: "Google" },
  });
  const session = cookie("sid", "www.example.com", {
    hostOnly: true,
    expires: null,
    retentionSeconds: null,
    httpOnly: true,
    classification: {
      classifier: "well-known",
      category: "necessary",
      entryKey: "cookie|sid||",
      purpose: "login",
      purposeLabel: "Keep you signed in",
      policyRef: "Part 3 §III",
      declaredMaxAgeSeconds: null,
    },
  });
  const weird = cookie('x<y&"z\u0001', "www.example.com", { setBy: "js" });
  const store: AuditItem = {
    kind: "localStorage",
    name: "theme",
    origin: "https://www.example.com",
    firstSeen: T0,
    setBy: "js",
    classification: { classifier: "unknown" },
  };
  const urls = ["https://www.example.com/", "https://www.example.com/a", "https://www.example.com/b"];
  const pages: PageResult[] = [];
  for (const url of urls)
    for (const scenario of ["before-consent", "reject-all", "accept-all"] as const) {
      const items = url.endsWith("/a") ? [session, store] : [ga, session, weird];
      const findings: PageResult["findings"] = items.map((i) => ({
        type: i.classification.entryKey ? "declared" : "undeclared",
        message: `${i.kind} "${i.name}" finding`,
        itemKey: `${i.kind}|${i.name}|${i.domain ?? i.origin}|${i.path ?? ""}|`,
      }));
      if (scenario === "reject-all" && items.includes(ga))
        findings.push({
          type: "present-while-blocked",
          category: "analytics",
          message: 'cookie "_ga" is stored although analytics is refused',
          itemKey: "cookie|_ga|example.com|/|",
        });
      pages.push(page(url, scenario, items, { findings, notObserved: ["cookie|remember_me||"] }));
    }
  pages.push(
    page("https://www.example.com/broken", "accept-all", [], {
      status: "error",
      error: "net::ERR_CONNECTION_REFUSED",
      consent: { method: "none", answered: false },
    }),
  );
  return {
    schemaVersion: 1,
    tool: { name: "cookie-ledger", version: "0.1.0" },
    generatedAt: new Date(T0).toISOString(),
    browser: { version: "156.0" },
    options: {
      scenarios: ["before-consent", "reject-all", "accept-all"],
      pages: 20,
      depth: 2,
      failOn: [],
      shards: [],
    },
    registry: {
      source: "well-known",
      name: "Example",
      revision: "1",
      location: "https://www.example.com/.well-known/cookie-ledger.json",
    },
    urls: [...urls, "https://www.example.com/broken"],
    pages,
  };
}
