import { describe, expect, it } from "vitest";
import { compileMatcher, type MatchableRegistry } from "../../shared/match/compile.ts";
import { domainMatch, hostFromOrigin, hostOf, pathMatch } from "../../shared/match/domain.ts";
import type { MatchQuery } from "../../shared/match/types.ts";
import type { RegistryEntry } from "../../shared/registry/schema.ts";

const text = { en: "x", "zh-CN": "x" };
function registry(
  entries: RegistryEntry[],
  properties = ["dingtalk.com", "dingding.xin"],
): MatchableRegistry {
  return {
    properties,
    purposes: {
      login: { category: "necessary", label: text, description: text, policyRef: "Part 3 §III" },
      stats: { category: "analytics", label: text, description: text, policyRef: "Part 3 §III" },
    },
    entries,
  };
}
const cookie = (name: string, domain: string, extra: Partial<MatchQuery> = {}): MatchQuery => ({
  kind: "cookie",
  name,
  domain,
  ...extra,
});

describe("domain helpers", () => {
  it("domain-matches per RFC 6265", () => {
    expect(domainMatch("dingtalk.com", "dingtalk.com")).toBe(true);
    expect(domainMatch("im.dingtalk.com", "dingtalk.com")).toBe(true);
    expect(domainMatch("notdingtalk.com", "dingtalk.com")).toBe(false);
    expect(domainMatch("dingtalk.com", "im.dingtalk.com")).toBe(false);
    expect(domainMatch("1.2.3.4", "2.3.4")).toBe(false);
  });
  it("path-matches per RFC 6265", () => {
    expect(pathMatch("/a", "/a")).toBe(true);
    expect(pathMatch("/a/b", "/a")).toBe(true);
    expect(pathMatch("/a/b", "/a/")).toBe(true);
    expect(pathMatch("/ab", "/a")).toBe(false);
    expect(pathMatch("/", "/a")).toBe(false);
  });
  it("reads hosts from cookie domains and origins", () => {
    expect(hostFromOrigin("https://IM.dingtalk.com:8443/path?q")).toBe("im.dingtalk.com");
    expect(hostFromOrigin("http://[::1]:3000")).toBe("::1");
    expect(hostFromOrigin("null")).toBeUndefined();
    expect(hostOf({ domain: ".DingTalk.com" })).toBe("dingtalk.com");
    expect(hostOf({ origin: "https://www.dingtalk.com" })).toBe("www.dingtalk.com");
    expect(hostOf({})).toBeUndefined();
  });
});

describe("compileMatcher", () => {
  it("matches exact names by kind and resolves the purpose's category", () => {
    const m = compileMatcher(registry([{ kind: "cookie", name: "t", purpose: "login" }]));
    expect(m.match(cookie("t", "dingtalk.com"))).toMatchObject({ index: 0, category: "necessary" });
    expect(m.match({ kind: "localStorage", name: "t", origin: "https://www.dingtalk.com" })).toBeUndefined();
    expect(m.match(cookie("T", "dingtalk.com"))).toBeUndefined();
  });

  it("an entry's own category wins over its purpose's", () => {
    const m = compileMatcher(
      registry([{ kind: "cookie", name: "x", purpose: "login", category: "functional" }]),
    );
    expect(m.match(cookie("x", "dingtalk.com"))?.category).toBe("functional");
  });

  it("skips entries whose category cannot be resolved", () => {
    const m = compileMatcher(registry([{ kind: "cookie", name: "x", purpose: "nope" }]));
    expect(m.match(cookie("x", "dingtalk.com"))).toBeUndefined();
  });

  it("absent domain means any host of the properties", () => {
    const m = compileMatcher(registry([{ kind: "cookie", name: "t", category: "necessary" }]));
    expect(m.match(cookie("t", "im.dingtalk.com"))).toBeDefined();
    expect(m.match(cookie("t", "club.dingding.xin"))).toBeDefined();
    expect(m.match(cookie("t", "salesforce.com"))).toBeUndefined();
    expect(
      m.match({ kind: "sessionStorage", name: "t", origin: "https://evil-dingtalk.com" }),
    ).toBeUndefined();
  });

  it("a declared domain covers it and its subdomains, cookie domains and origins alike", () => {
    const m = compileMatcher(
      registry([
        { kind: "cookie", name: "cna", domain: ".dingtalk.com", category: "analytics" },
        { kind: "localStorage", name: "k", domain: "dingtalk.com", category: "functional" },
      ]),
    );
    expect(m.match(cookie("cna", ".dingtalk.com"))).toBeDefined();
    expect(m.match(cookie("cna", "im.dingtalk.com"))).toBeDefined();
    expect(m.match(cookie("cna", "dingding.xin"))).toBeUndefined();
    expect(m.match({ kind: "localStorage", name: "k", origin: "https://im.dingtalk.com" })).toBeDefined();
    expect(
      m.match({ kind: "localStorage", name: "k", origin: "https://dingtalk.com.evil.net" }),
    ).toBeUndefined();
  });

  it("third-party entries match only the third party's hosts", () => {
    const m = compileMatcher(
      registry([{ kind: "cookie", name: "IDE", domain: "doubleclick.net", category: "marketing" }]),
    );
    expect(m.match(cookie("IDE", "doubleclick.net"))?.category).toBe("marketing");
    expect(m.match(cookie("IDE", "dingtalk.com"))).toBeUndefined();
  });

  it("items without a host are claimed only by entries without a domain", () => {
    const m = compileMatcher(
      registry([
        { kind: "cookie", name: "a", category: "necessary" },
        { kind: "cookie", name: "b", domain: "dingtalk.com", category: "necessary" },
      ]),
    );
    expect(m.match({ kind: "cookie", name: "a" })).toBeDefined();
    expect(m.match({ kind: "cookie", name: "b" })).toBeUndefined();
  });

  it("path entries path-match the cookie's path", () => {
    const m = compileMatcher(registry([{ kind: "cookie", name: "p", path: "/a", category: "necessary" }]));
    expect(m.match(cookie("p", "dingtalk.com", { path: "/a" }))).toBeDefined();
    expect(m.match(cookie("p", "dingtalk.com", { path: "/a/b" }))).toBeDefined();
    expect(m.match(cookie("p", "dingtalk.com", { path: "/ab" }))).toBeUndefined();
    expect(m.match(cookie("p", "dingtalk.com"))).toBeUndefined();
  });

  it("partitioned: true only matches partitioned cookies, false only unpartitioned, absent both", () => {
    const m = compileMatcher(
      registry([
        { kind: "cookie", name: "chips", partitioned: true, category: "functional" },
        { kind: "cookie", name: "plain", partitioned: false, category: "functional" },
        { kind: "cookie", name: "either", category: "functional" },
      ]),
    );
    const pk = { partitionKey: "https://dingtalk.com" };
    expect(m.match(cookie("chips", "dingtalk.com", pk))).toBeDefined();
    expect(m.match(cookie("chips", "dingtalk.com"))).toBeUndefined();
    expect(m.match(cookie("plain", "dingtalk.com", pk))).toBeUndefined();
    expect(m.match(cookie("plain", "dingtalk.com"))).toBeDefined();
    expect(m.match(cookie("either", "dingtalk.com", pk))).toBeDefined();
    expect(m.match(cookie("either", "dingtalk.com"))).toBeDefined();
  });

  it("matches globs, including suffix-only and scan globs", () => {
    const m = compileMatcher(
      registry([
        { kind: "cookie", name: "_ga_*", category: "analytics" },
        { kind: "localStorage", name: "*_mixpanel", category: "analytics" },
        { kind: "localStorage", name: "*debug*", category: "functional" },
      ]),
    );
    expect(m.match(cookie("_ga_XYZ", "www.dingtalk.com"))?.index).toBe(0);
    const ls = (name: string): MatchQuery => ({
      kind: "localStorage",
      name,
      origin: "https://www.dingtalk.com",
    });
    expect(m.match(ls("mp_abc_mixpanel"))?.index).toBe(1);
    expect(m.match(ls("app-debug-flag"))?.index).toBe(2);
    expect(m.match(ls("other"))).toBeUndefined();
  });

  describe("specificity", () => {
    const q = cookie("_ga_ABC", "im.dingtalk.com", { path: "/app/x" });
    const winner = (entries: RegistryEntry[]) => compileMatcher(registry(entries)).match(q)?.index;
    const e = (name: string, extra: Partial<RegistryEntry> = {}): RegistryEntry => ({
      kind: "cookie",
      name,
      category: "analytics",
      ...extra,
    });

    it("exact name beats any glob", () => {
      expect(winner([e("_ga_*", { domain: "im.dingtalk.com", path: "/app" }), e("_ga_ABC")])).toBe(1);
    });
    it("more literal characters win among globs", () => {
      expect(winner([e("_ga*"), e("*ABC"), e("_ga_*")])).toBe(2);
      expect(winner([e("_*C", { domain: "im.dingtalk.com" }), e("_g*C")])).toBe(1);
    });
    it("a declared domain beats none; a longer domain beats a shorter", () => {
      expect(winner([e("_ga_ABC"), e("_ga_ABC", { domain: "dingtalk.com" })])).toBe(1);
      expect(
        winner([e("_ga_ABC", { domain: "dingtalk.com" }), e("_ga_ABC", { domain: "im.dingtalk.com" })]),
      ).toBe(1);
    });
    it("a longer path beats a shorter", () => {
      expect(winner([e("_ga_ABC", { path: "/" }), e("_ga_ABC", { path: "/app" })])).toBe(1);
    });
    it("then the lowest entry index", () => {
      expect(winner([e("_ga_*"), e("_ga_*")])).toBe(0);
      expect(winner([e("_ga_*", { category: "marketing" }), e("_ga_*")])).toBe(0);
    });
    it("a more specific entry that does not accept the item does not hide a less specific one", () => {
      expect(winner([e("_ga_ABC", { domain: "other.com" }), e("_ga_*")])).toBe(1);
    });
  });

  it("never throws on odd items", () => {
    const m = compileMatcher(registry([{ kind: "cookie", name: "*", category: "necessary" }]));
    expect(() => m.match({ kind: "cookie", name: "", domain: "" })).not.toThrow();
    expect(() => m.match({ kind: "cookie", name: "x", origin: "::::" })).not.toThrow();
    expect(() => m.match({ kind: "flash", name: "x" })).not.toThrow();
  });
});
