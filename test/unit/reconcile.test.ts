import { describe, expect, it } from "vitest";
import { compileMatcher } from "../../shared/match/compile.ts";
import type { ConsentState, Finding, ObservedItem } from "../../shared/model.ts";
import { RETENTION_TOLERANCE_MS } from "../../shared/reconcile/retention.ts";
import { type ReconcileInput, reconcile } from "../../shared/reconcile.ts";
import dingtalk from "../../shared/registries/dingtalk.json" with { type: "json" };
import { loadRegistry } from "../../shared/registry/load.ts";
import type { Registry } from "../../shared/registry/schema.ts";

const text = { en: "x", "zh-CN": "x" };
const registry: Registry = {
  format: "cookie-ledger/1",
  revision: "1",
  site: { name: "Test", policy: { url: "https://example.com/policy", updated: "2026-01-01" } },
  properties: ["example.com"],
  purposes: {
    stats: { category: "analytics", label: text, description: text, policyRef: "§1" },
  },
  entries: [
    { kind: "cookie", name: "sid", category: "necessary", maxAgeSeconds: null },
    { kind: "cookie", name: "_ga", purpose: "stats", maxAgeSeconds: 86400 },
    { kind: "cookie", name: "_ga_*", purpose: "stats" },
    { kind: "localStorage", name: "theme", category: "functional" },
    { kind: "cookie", name: "ad", category: "marketing", domain: "ads.example.net", maxAgeSeconds: 3600 },
    { kind: "indexedDB", name: "cache-db", category: "functional" },
    { kind: "flash", name: "legacy", category: "analytics" },
  ],
};

const now = Date.UTC(2026, 10, 25, 12);
const decidedAt = now - 60_000;
const granted: ConsentState = {
  decided: true,
  decidedAt,
  categories: { functional: true, analytics: true, marketing: true },
};
const refused: ConsentState = {
  decided: true,
  decidedAt,
  categories: { functional: false, analytics: false, marketing: false },
};
const undecided: ConsentState = {
  decided: false,
  categories: { functional: false, analytics: false, marketing: false },
};

const cookie = (name: string, extra: Partial<ObservedItem> = {}): ObservedItem => ({
  kind: "cookie",
  name,
  domain: "www.example.com",
  path: "/",
  expires: null,
  firstSeen: now,
  ...extra,
});

/** Findings about observed items only (declared-not-observed is tested on its own). */
function run(observed: ObservedItem[], consent: ConsentState = granted, extra: Partial<ReconcileInput> = {}) {
  return all(observed, consent, extra).filter((f) => f.type !== "declared-not-observed");
}
function all(observed: ObservedItem[], consent: ConsentState = granted, extra: Partial<ReconcileInput> = {}) {
  return reconcile({ registry, observed, consent, now, collectedKinds: ["cookie"], ...extra });
}
const types = (findings: Finding[]) => findings.map((f) => `${f.type}:${f.item?.name ?? f.entry?.name}`);

describe("reconcile", () => {
  it("reports a declared item once, with its entry and category", () => {
    const item = cookie("_ga");
    const [f, ...rest] = run([item]).filter((x) => x.item === item);
    expect(f).toMatchObject({ type: "declared", item, entry: registry.entries[1], category: "analytics" });
    expect(f?.message).toContain("_ga");
    expect(rest).toEqual([]);
  });

  it("reports an undeclared item as undeclared only, whatever the consent", () => {
    for (const consent of [granted, refused, undecided]) {
      const findings = run([cookie("mystery", { expires: now + 1e12 })], consent).filter((f) => f.item);
      expect(types(findings)).toEqual(["undeclared:mystery"]);
      expect(findings[0]?.category).toBeUndefined();
    }
  });

  it("reports present-while-blocked for a refused or blocked non-necessary category", () => {
    expect(types(run([cookie("_ga_X1")], refused))).toContain("present-while-blocked:_ga_X1");
    const blocked: ConsentState = { ...granted, blocked: ["analytics"] };
    const f = run([cookie("_ga_X1")], blocked).find((x) => x.type === "present-while-blocked");
    expect(f).toMatchObject({ category: "analytics" });
    expect(f?.message).toContain("blocked");
    expect(types(run([cookie("_ga_X1")], granted))).not.toContain("present-while-blocked:_ga_X1");
  });

  it("never reports consent findings for necessary items", () => {
    for (const consent of [refused, undecided, { ...refused, blocked: ["necessary" as const] }]) {
      expect(types(run([cookie("sid")], consent)).filter((t) => t.endsWith(":sid"))).toEqual([
        "declared:sid",
      ]);
    }
  });

  it("reports set-before-consent while undecided, and for items first seen before the decision", () => {
    expect(types(run([cookie("_ga")], undecided))).toEqual(["declared:_ga", "set-before-consent:_ga"]);
    expect(types(run([cookie("_ga", { firstSeen: decidedAt - 1 })], granted))).toContain(
      "set-before-consent:_ga",
    );
    expect(types(run([cookie("_ga", { firstSeen: decidedAt })], granted))).not.toContain(
      "set-before-consent:_ga",
    );
    // Refused, and stored before the decision: both findings.
    const both = types(run([cookie("_ga", { firstSeen: decidedAt - 1 })], refused));
    expect(both).toEqual(["declared:_ga", "present-while-blocked:_ga", "set-before-consent:_ga"]);
  });

  it("reports retention-exceeds-declared beyond the tolerance", () => {
    const day = 86_400_000;
    expect(types(run([cookie("_ga", { expires: now + day + RETENTION_TOLERANCE_MS })]))).toEqual([
      "declared:_ga",
    ]);
    const over = run([cookie("_ga", { expires: now + 2 * day })]);
    expect(types(over)).toEqual(["declared:_ga", "retention-exceeds-declared:_ga"]);
    expect(over[1]?.message).toContain("declared 1 day");
    expect(types(run([cookie("_ga", { expires: null })]))).toEqual(["declared:_ga"]);
  });

  it("reports a persistent cookie declared as session", () => {
    const f = run([cookie("sid", { expires: now + 1000 })]).find(
      (x) => x.type === "retention-exceeds-declared",
    );
    expect(f?.message).toContain("session");
    expect(types(run([cookie("sid", { expires: null })]))).toEqual(["declared:sid"]);
  });

  it("does not judge retention without a declared maxAgeSeconds or a known expiry", () => {
    expect(types(run([cookie("_ga_X1", { expires: now + 1e12 })]))).toEqual(["declared:_ga_X1"]);
    expect(types(run([cookie("_ga", { expires: undefined })]))).toEqual(["declared:_ga"]);
  });

  it("reports declared-not-observed for exact entries in scope of the observed hosts", () => {
    const kinds = ["cookie", "localStorage", "indexedDB", "flash"] as const;
    const findings = all([cookie("sid")], granted, { collectedKinds: kinds }).filter(
      (f) => f.type === "declared-not-observed",
    );
    // _ga (exact, in scope) and theme and cache-db; not the glob, not ads.example.net, not flash, not sid.
    expect(findings.map((f) => f.entry?.name)).toEqual(["_ga", "theme", "cache-db"]);
    expect(findings[0]).toMatchObject({ category: "analytics", entry: registry.entries[1] });
    expect(findings[0]?.item).toBeUndefined();
  });

  it("scopes declared-not-observed to the kinds collected and the hosts observed", () => {
    const defaultKinds = reconcile({ registry, observed: [cookie("sid")], consent: granted, now });
    expect(types(defaultKinds).filter((t) => t.startsWith("declared-not"))).toEqual([
      "declared-not-observed:_ga",
      "declared-not-observed:theme",
      "declared-not-observed:cache-db",
    ]);
    expect(all([], granted)).toEqual([]);
    const thirdParty = all([cookie("other", { domain: "ads.example.net" })]);
    expect(types(thirdParty)).toEqual(["undeclared:other", "declared-not-observed:ad"]);
  });

  it("matches by domain: a third-party entry does not claim a first-party item", () => {
    expect(types(run([cookie("ad")])).slice(0, 1)).toEqual(["undeclared:ad"]);
    const items = [cookie("ad", { domain: "ads.example.net", expires: now + 7_200_000 })];
    expect(types(run(items, refused))).toEqual([
      "declared:ad",
      "present-while-blocked:ad",
      "retention-exceeds-declared:ad",
    ]);
  });

  it("reconciles web storage by origin and accepts a precompiled matcher", () => {
    const item: ObservedItem = { kind: "localStorage", name: "theme", origin: "https://www.example.com" };
    const matcher = compileMatcher(registry);
    expect(types(run([item], refused, { matcher }))).toEqual([
      "declared:theme",
      "present-while-blocked:theme",
    ]);
  });

  it("yields exactly one declared/undeclared finding per item", () => {
    const items = [cookie("sid"), cookie("_ga"), cookie("x"), cookie("_ga_1", { firstSeen: 0 })];
    const findings = run(items, refused);
    for (const item of items) {
      const own = findings.filter(
        (f) => f.item === item && (f.type === "declared" || f.type === "undeclared"),
      );
      expect(own.length).toBe(1);
    }
  });
});

describe("reconcile with the DingTalk registry", () => {
  const loaded = loadRegistry(dingtalk);
  if (!loaded.ok) throw new Error("DingTalk registry does not load");
  const dt = loaded.registry;

  it("classifies DingTalk's cookies and reports what a refusal leaves behind", () => {
    const observed: ObservedItem[] = [
      {
        kind: "cookie",
        name: "acw_tc",
        domain: "www.dingtalk.com",
        hostOnly: true,
        expires: now + 1_800_000,
      },
      { kind: "cookie", name: "cna", domain: "dingtalk.com", expires: now + 300 * 86_400_000 },
      { kind: "cookie", name: "ssxmod_itna2", domain: "www.dingtalk.com" },
      { kind: "cookie", name: "cna", domain: "mmstat.com", expires: now + 86_400_000 },
      { kind: "cookie", name: "_ga", domain: "www.dingtalk.com" },
    ];
    const findings = reconcile({ registry: dt, observed, consent: refused, now, collectedKinds: [] });
    expect(types(findings)).toEqual([
      "declared:acw_tc",
      "declared:cna",
      "present-while-blocked:cna",
      "declared:ssxmod_itna2",
      "declared:cna",
      "present-while-blocked:cna",
      "undeclared:_ga",
    ]);
    expect(findings[4]?.entry?.domain).toBe("mmstat.com");
  });
});
