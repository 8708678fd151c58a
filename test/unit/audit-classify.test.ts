import { describe, expect, it } from "vitest";
import { consentFor, createClassifier, entryKey } from "../../scripts/audit/classify.ts";
import { bundledFor, RegistryError, resolveRegistry } from "../../scripts/audit/registry.ts";
import type { Visit } from "../../scripts/audit/visit.ts";
import type { Registry } from "../../shared/registry/schema.ts";

const registry: Registry = {
  format: "cookie-ledger/1",
  revision: "1",
  site: { name: "Example", policy: { url: "https://www.example.com/privacy", updated: "2026-01-01" } },
  properties: ["example.com"],
  purposes: {
    login: {
      category: "necessary",
      label: { en: "Sign-in", "zh-CN": "登录" },
      description: { en: "Keeps you signed in.", "zh-CN": "保持登录。" },
      policyRef: "§3",
    },
  },
  entries: [
    { kind: "cookie", name: "sid", purpose: "login", maxAgeSeconds: null, provider: { name: "Example" } },
    { kind: "cookie", name: "_ga", category: "analytics", maxAgeSeconds: 3600 },
    { kind: "localStorage", name: "prefs", category: "functional" },
  ],
};

const T = 1_700_000_000_000;
function visit(scenario: Visit["scenario"], answered = true): Visit {
  return {
    url: "https://www.example.com/",
    scenario,
    ok: true,
    sdk: true,
    consent: { method: "sdk", answered },
    ...(scenario === "before-consent" || !answered ? {} : { decidedAt: T + 1000 }),
    items: [
      { kind: "cookie", name: "sid", domain: "www.example.com", path: "/", expires: null, firstSeen: T },
      { kind: "cookie", name: "_ga", domain: "example.com", path: "/", expires: T + 7200_000, firstSeen: T },
      {
        kind: "cookie",
        name: "mystery",
        domain: "www.example.com",
        path: "/",
        expires: null,
        firstSeen: T + 2000,
      },
    ],
    thirdParty: [],
    links: [],
    durationMs: 1,
  };
}

describe("audit classification", () => {
  it("maps scenarios to consent states", () => {
    expect(consentFor(visit("before-consent")).decided).toBe(false);
    expect(consentFor(visit("reject-all", false)).decided).toBe(false);
    expect(consentFor(visit("reject-all"))).toEqual({
      decided: true,
      categories: { functional: false, analytics: false, marketing: false },
      decidedAt: T + 1000,
    });
    expect(consentFor(visit("accept-all")).categories.analytics).toBe(true);
  });

  it("classifies by the registry and reconciles under the scenario's consent", () => {
    const { items, findings, notObserved } = createClassifier(registry, "well-known").classify(
      visit("reject-all"),
    );
    const sid = items.find((i) => i.name === "sid")!;
    expect(sid.classification).toMatchObject({
      category: "necessary",
      classifier: "well-known",
      purposeLabel: "Sign-in",
      policyRef: "§3",
      provider: "Example",
      declaredMaxAgeSeconds: null,
      entryKey: entryKey(registry.entries[0]!),
    });
    expect(items.find((i) => i.name === "_ga")?.retentionSeconds).toBe(7200);
    const types = findings.map((f) => `${f.type} ${f.itemKey?.split("|")[1]}`).sort();
    expect(types).toEqual([
      "declared _ga",
      "declared sid",
      "present-while-blocked _ga",
      "retention-exceeds-declared _ga",
      "set-before-consent _ga",
      "undeclared mystery",
    ]);
    // Declared but not stored on a page of its hosts: kept per page, not as a page finding.
    expect(notObserved).toEqual(["localStorage|prefs||"]);
  });

  it("reports everything as undeclared without a registry, classified by the fallback", () => {
    const known = (item: { name: string }) =>
      item.name === "_ga" ? { category: "analytics" as const, provider: "Google" } : undefined;
    const { items, findings } = createClassifier(undefined, "none", known).classify(visit("accept-all"));
    expect(findings.map((f) => f.type)).toEqual(["undeclared", "undeclared", "undeclared"]);
    expect(items.find((i) => i.name === "_ga")?.classification).toEqual({
      category: "analytics",
      classifier: "open-cookie-database",
      provider: "Google",
    });
    expect(items.find((i) => i.name === "sid")?.classification).toEqual({ classifier: "unknown" });
  });
});

describe("audit registry resolution", () => {
  const text = JSON.stringify(registry);
  const fetchFrom = (pages: Record<string, string>) => async (url: string) => pages[url];

  it("prefers the site's well-known registry", async () => {
    const r = await resolveRegistry(
      undefined,
      "https://www.example.com/a",
      "/",
      fetchFrom({ "https://www.example.com/.well-known/cookie-ledger.json": text }),
    );
    expect(r.info).toEqual({
      source: "well-known",
      location: "https://www.example.com/.well-known/cookie-ledger.json",
      name: "Example",
      revision: "1",
    });
  });

  it("falls back to the bundled DingTalk registry on its properties, else to none", async () => {
    const broken = fetchFrom({ "https://im.dingtalk.com/.well-known/cookie-ledger.json": "{}" });
    const dt = await resolveRegistry(undefined, "https://im.dingtalk.com/", "/", broken);
    expect(dt.info.source).toBe("bundled");
    expect(dt.warnings[0]).toMatch(/not a valid registry/);
    expect(bundledFor("club.dingding.xin")).toBeDefined();
    const other = await resolveRegistry(undefined, "https://www.example.org/", "/", fetchFrom({}));
    expect(other.info.source).toBe("none");
    expect(other.registry).toBeUndefined();
    expect((await resolveRegistry("none", "https://im.dingtalk.com/", "/", broken)).info.source).toBe("none");
  });

  it("uses the registry given, and refuses one that does not validate", async () => {
    const given = await resolveRegistry(
      "https://cdn.example.com/r.json",
      "https://www.example.com/",
      "/",
      fetchFrom({ "https://cdn.example.com/r.json": text }),
    );
    expect(given.info.source).toBe("url");
    await expect(
      resolveRegistry("https://cdn.example.com/r.json", "https://www.example.com/", "/", fetchFrom({})),
    ).rejects.toBeInstanceOf(RegistryError);
    await expect(
      resolveRegistry("https://cdn.example.com/r.json", "https://www.example.com/", "/", async () => "{"),
    ).rejects.toThrow(/not a valid registry/);
  });
});
