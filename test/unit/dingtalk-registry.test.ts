import { describe, expect, it } from "vitest";
import { CATEGORIES } from "../../shared/categories.ts";
import { compileMatcher } from "../../shared/match/compile.ts";
import raw from "../../shared/registries/dingtalk.json" with { type: "json" };
import { DINGTALK_REGISTRY } from "../../shared/registries/index.ts";
import { loadRegistry } from "../../shared/registry/load.ts";

const loaded = loadRegistry(raw);
const registry = loaded.ok ? loaded.registry : undefined;

function entry(kind: string, name: string) {
  return registry?.entries.find((e) => e.kind === kind && e.name === name);
}

describe("DingTalk registry", () => {
  it("passes the registry schema", () => {
    expect(loaded.ok ? [] : loaded.errors.map((e) => `${e.pointer}: ${e.message}`)).toEqual([]);
    expect(registry?.properties).toEqual(["dingtalk.com", "dingding.xin"]);
  });

  it("declares the Alibaba Cloud infrastructure cookies", () => {
    for (const name of ["acw_tc", "acw_sc__v2", "acw_sc__v3", "ssxmod_itna*", "SERVERID"]) {
      expect(entry("cookie", name)?.source, name).toBe("vendor-doc");
    }
    for (const name of ["aliyungf_tc", "SERVERCORSID"]) expect(entry("cookie", name)).toBeDefined();
  });

  it("declares Alibaba Group cookies without published purpose as inferred and not necessary", () => {
    for (const name of ["cna", "isg", "l", "tfstk", "xlly_s", "_uab_collina", "t"]) {
      const e = entry("cookie", name);
      expect(e?.source, name).toBe("inferred");
      expect(e?.category, name).not.toBe("necessary");
      expect(e?.description?.en, name).toMatch(/inferred/i);
    }
  });

  it("declares the SDK's own consent record and log as necessary", () => {
    const cookie = entry("cookie", "cookie_ledger_consent");
    expect(cookie).toMatchObject({
      category: "necessary",
      maxAgeSeconds: 31536000,
      source: "site",
      provider: { name: "Cookie Ledger" },
    });
    expect(entry("indexedDB", "cookie-ledger")?.category).toBe("necessary");
  });

  it("has every purpose with en and zh-CN texts and a policy clause", () => {
    const purposes = Object.entries(registry?.purposes ?? {});
    expect(purposes.length).toBeGreaterThanOrEqual(8);
    for (const [id, p] of purposes) {
      for (const text of [p.label.en, p.label["zh-CN"], p.description.en, p.description["zh-CN"]]) {
        expect(text.trim().length, id).toBeGreaterThan(0);
      }
      expect(p.policyRef, id).toMatch(/^Part 3 §/);
    }
  });

  it("gives every vendor-doc entry a documentation url", () => {
    const vendor = registry?.entries.filter((e) => e.source === "vendor-doc") ?? [];
    expect(vendor.length).toBeGreaterThan(0);
    for (const e of vendor) expect(e.url, e.name).toMatch(/^https:\/\//);
  });

  it("uses only known purposes, agreeing with the entry's category", () => {
    for (const e of registry?.entries ?? []) {
      if (!e.purpose) continue;
      const p = registry?.purposes[e.purpose];
      expect(p, e.purpose).toBeDefined();
      if (e.category) expect(e.category, e.name).toBe(p?.category);
    }
  });

  it("covers every kind and every category", () => {
    const kinds = new Set(registry?.entries.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(
      ["cacheStorage", "cookie", "flash", "indexedDB", "localStorage", "sessionStorage"].sort(),
    );
    const categories = new Set(
      registry?.entries.map(
        (e) => e.category ?? (e.purpose ? registry.purposes[e.purpose]?.category : undefined),
      ),
    );
    for (const c of CATEGORIES) expect(categories.has(c), c).toBe(true);
  });

  it("marks the Flash entry as legacy", () => {
    const flash = registry?.entries.filter((e) => e.kind === "flash") ?? [];
    expect(flash.length).toBe(1);
    expect(flash[0]?.description?.en).toMatch(/legacy/i);
  });

  it("is exported, typed, as DINGTALK_REGISTRY", () => {
    expect(DINGTALK_REGISTRY).toEqual(registry);
  });

  it("classifies DingTalk's storage through the matcher, by name and domain", () => {
    const matcher = compileMatcher(DINGTALK_REGISTRY);
    const at = (kind: "cookie" | "localStorage", name: string, where: string) =>
      matcher.match(kind === "cookie" ? { kind, name, domain: where } : { kind, name, origin: where })?.entry;
    expect(at("cookie", "ssxmod_itna3", "www.dingtalk.com")?.name).toBe("ssxmod_itna*");
    expect(at("cookie", "t", "dingtalk.com")?.provider?.name).toBe("Alibaba Group");
    expect(at("cookie", "t", "salesforce.com")).toBeUndefined();
    expect(at("cookie", "cna", "g.mmstat.com")?.domain).toBe("mmstat.com");
    expect(at("cookie", "acw_tc", "club.dingding.xin")?.source).toBe("vendor-doc");
    expect(at("localStorage", "dingtalk_promo_banner", "https://h5.dingtalk.com")?.purpose).toBe(
      "personalised-promotion",
    );
  });
});
