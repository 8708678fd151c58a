import { describe, expect, it } from "vitest";
import { KNOWN_FORMAT, type KnownData } from "../../shared/known/data.ts";
import { createKnownCookies, isDistinctiveName } from "../../shared/known/lookup.ts";
import generated from "../../shared/known/open-cookie-database.generated.json" with { type: "json" };

const known = createKnownCookies(generated as KnownData);

describe("known cookies from the Open Cookie Database", () => {
  it("loads every compiled row", () => {
    expect(known.size).toBeGreaterThan(2000);
  });

  it("does not call DingTalk's `t` Salesforce's", () => {
    expect(known.lookup("t", "dingtalk.com")).toBeUndefined();
    expect(known.lookup("t", ".im.dingtalk.com")).toBeUndefined();
    expect(known.lookup("t")).toBeUndefined();
    expect(known.lookup("t", "www.salesforce.com")?.platform).not.toBe("Salesforce");
  });

  it("knows `_ga` on any domain as Google Analytics, analytics", () => {
    for (const domain of ["dingtalk.com", ".www.example.org", "https://h5.dingtalk.com", undefined]) {
      expect(known.lookup("_ga", domain)).toMatchObject({
        platform: "Google Analytics",
        category: "analytics",
        matchedBy: "name-only",
      });
    }
  });

  it("matches wildcard rows by prefix", () => {
    expect(known.lookup("_ga_ABC123", "dingtalk.com")).toMatchObject({
      name: "_ga_",
      platform: "Google Analytics",
      matchedBy: "name-prefix",
    });
    expect(known.lookup("_hjSessionUser_12345", "example.com")?.platform).toBe("Hotjar");
  });

  it("matches a domain row only on its domain and subdomains", () => {
    const ide = known.lookup("IDE", ".doubleclick.net");
    expect(ide).toMatchObject({ matchedBy: "name-and-domain", category: "marketing" });
    expect(known.lookup("IDE", "ad.doubleclick.net")?.matchedBy).toBe("name-and-domain");
    expect(known.lookup("IDE", "dingtalk.com")).toBeUndefined();
    expect(known.lookup("IDE")).toBeUndefined();
  });

  it("looks names up case-sensitively and never throws on odd input", () => {
    expect(known.lookup("_GA", "example.com")).toBeUndefined();
    expect(known.lookup("", "example.com")).toBeUndefined();
    expect(() => known.lookup("x", "https://")).not.toThrow();
    expect(() => known.lookup("x", "[::1]")).not.toThrow();
  });
});

describe("lookup rules on small data", () => {
  const data: KnownData = {
    format: KNOWN_FORMAT,
    source: { name: "t", url: "u", license: "l", rows: 0, skipped: [] },
    strings: ["P0", "P1", "P2", "P3", "P4", "r", "c", "u"],
    rows: [
      ["sid", [], 0, "necessary", 0, "generic short", 5, 6, 7],
      ["session_x", [], 0, "functional", 1, "name only", 5, 6, 7],
      ["session_x", ["vendor.com"], 0, "marketing", 2, "on vendor", 5, 6, 7],
      ["session_x", ["api.vendor.com"], 0, "analytics", 3, "on api.vendor", 5, 6, 7],
      ["sess", ["other.com"], 1, "marketing", 4, "prefix on other", 5, 6, 7],
      ["mp_", [], 1, "analytics", 0, "short prefix", 5, 6, 7],
    ],
  };
  const k = createKnownCookies(data);

  it("prefers the most specific domain, then name-only", () => {
    expect(k.lookup("session_x", "x.api.vendor.com")?.platform).toBe("P3");
    expect(k.lookup("session_x", "vendor.com")?.platform).toBe("P2");
    expect(k.lookup("session_x", "elsewhere.com")).toMatchObject({ platform: "P1", matchedBy: "name-only" });
  });

  it("prefers a prefix row on the domain over a name-only row", () => {
    expect(k.lookup("session_x", "other.com")).toMatchObject({ platform: "P4", matchedBy: "name-prefix" });
  });

  it("never classifies short generic names or prefixes without a domain", () => {
    expect(k.lookup("sid", "a.com")).toBeUndefined();
    expect(k.lookup("mp_123_mixpanel", "a.com")).toBeUndefined();
    expect(isDistinctiveName("t")).toBe(false);
    expect(isDistinctiveName("id")).toBe(false);
    expect(isDistinctiveName("sid")).toBe(false);
    expect(isDistinctiveName("_ga")).toBe(true);
    expect(isDistinctiveName("_gid")).toBe(true);
  });
});
