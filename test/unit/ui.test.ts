import { describe, expect, it } from "vitest";
import type { Registry } from "../../sdk/types.ts";
import en from "../../sdk/ui/en.json" with { type: "json" };
import { retention, rows } from "../../sdk/ui/format.ts";
import { pickLang, Text } from "../../sdk/ui/i18n.ts";
import zh from "../../sdk/ui/zh-CN.json" with { type: "json" };
import { DINGTALK_REGISTRY } from "../../shared/registries/index.ts";

describe("consent UI language", () => {
  it("picks Simplified Chinese for any zh tag and English otherwise, first candidate first", () => {
    expect(pickLang("zh-CN")).toBe("zh-CN");
    expect(pickLang("zh")).toBe("zh-CN");
    expect(pickLang("ZH-Hans-CN")).toBe("zh-CN");
    expect(pickLang("en-GB", "zh-CN")).toBe("en");
    expect(pickLang(undefined, "", "zh-TW")).toBe("zh-CN");
    expect(pickLang("fr")).toBe("en");
    expect(pickLang("zhx")).toBe("en");
    expect(pickLang()).toBe("en");
  });

  it("has every text in both languages", () => {
    const STRINGS = { en, "zh-CN": zh };
    for (const lang of ["en", "zh-CN"] as const) {
      const texts = STRINGS[lang];
      expect(texts, lang).toHaveLength(Text.count);
      texts.forEach((v, i) => {
        expect(v.trim(), `${lang} ${Text[i] ?? i}`).toBe(v);
        expect(v, `${lang} ${Text[i] ?? i}`).toBeTruthy();
      });
    }
    expect(STRINGS.en[Text.title]).toBe("Cookies and similar storage");
    expect(STRINGS["zh-CN"][Text.cols]).toBe("名称");
    expect(STRINGS["zh-CN"][Text.cats + 7]).toBe("个性化广告及跨网站追踪。");
    expect(STRINGS.en[Text.other]).toBe("中文");
    expect(STRINGS["zh-CN"][Text.other]).toBe("English");
  });
});

describe("consent UI declaration table", () => {
  it("spells retention in the largest whole unit, in the language", () => {
    expect(retention(null, "en", "Session")).toBe("Session");
    expect(retention(undefined, "en", "Session")).toBe("—");
    expect(retention(31536000, "en", "")).toBe("1 year");
    expect(retention(2592000, "en", "")).toBe("30 days");
    expect(retention(1800, "en", "")).toBe("30 minutes");
    expect(retention(90000, "en", "")).toBe("25 hours");
    expect(retention(5, "en", "")).toBe("5 seconds");
    expect(retention(100000, "en", "")).toBe("1 day");
    expect(retention(31536000, "zh-CN", "")).toMatch(/^1\s?年$/);
  });

  it("lists a category's entries with purpose, policy clause, provider and retention from the registry", () => {
    const registry = DINGTALK_REGISTRY as Registry;
    const en = rows(registry, "marketing", "en", "Session");
    const rec = en.find(([name]) => name === "dingtalk_rec")!;
    const purpose = registry.purposes[registry.entries.find((e) => e.name === "dingtalk_rec")!.purpose!]!;
    // name, kind, purpose, policy clause, provider, retention
    expect(rec).toEqual([
      "dingtalk_rec",
      "cookie",
      purpose.label.en,
      purpose.policyRef,
      "DingTalk",
      "30 days",
    ]);
    expect(rows(registry, "marketing", "zh-CN", "")[en.indexOf(rec)]![2]).toBe(purpose.label["zh-CN"]);
    // Entries without a purpose show their own description; every row belongs to the category.
    const analytics = rows(registry, "analytics", "en", "Session");
    const cna = registry.entries.find((e) => e.name === "cna")!;
    expect(analytics.find(([name]) => name === "cna")?.[2]).toBe(cna.description!.en);
    const count = (c: string) =>
      registry.entries.filter((e) => (e.category ?? registry.purposes[e.purpose!]?.category) === c).length;
    expect(analytics).toHaveLength(count("analytics"));
  });
});
