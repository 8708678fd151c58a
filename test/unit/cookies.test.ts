import { describe, expect, it } from "vitest";
import {
  type CookieContext,
  MAX_LIFETIME_MS,
  parseCookieAssignment,
  parseCookieDate,
  parseCookieHeader,
  parseSetCookie,
} from "../../shared/cookies/index.ts";

const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const ctx: CookieContext = { url: "https://im.dingtalk.com/web/chat/index.html?x=1#y", now };

function set(header: string, c = ctx) {
  const result = parseSetCookie(header, c);
  if (result.status !== "set") throw new Error(`expected set, got ${JSON.stringify(result)}`);
  return result.item;
}
const reason = (header: string, c = ctx) => {
  const r = parseSetCookie(header, c);
  return r.status === "rejected" ? r.reason : r.status;
};

describe("parseSetCookie", () => {
  it("builds an observed item with every attribute", () => {
    const item = set(
      "acw_tc=abc%20d; Domain=.DingTalk.com; Path=/web; Max-Age=1800; Secure; HttpOnly; SameSite=lax",
    );
    expect(item).toEqual({
      kind: "cookie",
      name: "acw_tc",
      value: "abc%20d",
      domain: "dingtalk.com",
      hostOnly: false,
      path: "/web",
      secure: true,
      httpOnly: true,
      sameSite: "Lax",
      expires: now + 1_800_000,
      size: 13,
      firstSeen: now,
      setBy: "http",
      frame: ctx.url,
    });
  });

  it("makes a cookie without Domain host-only, with the default path of the request", () => {
    const item = set("a=1");
    expect(item).toMatchObject({
      domain: "im.dingtalk.com",
      hostOnly: true,
      path: "/web/chat",
      expires: null,
    });
    expect(set("a=1", { ...ctx, url: "https://im.dingtalk.com/index.html" }).path).toBe("/");
    expect(set("a=1", { ...ctx, url: "https://im.dingtalk.com" }).path).toBe("/");
    expect(set("a=1; Path=relative").path).toBe("/web/chat");
  });

  it("rejects a Domain that the host does not domain-match", () => {
    expect(reason("a=1; Domain=dingding.xin")).toBe("domain-mismatch");
    expect(reason("a=1; Domain=www.dingtalk.com")).toBe("domain-mismatch");
    expect(reason("a=1; Domain=ngtalk.com")).toBe("domain-mismatch");
    expect(reason("a=1; Domain=2.3.4", { ...ctx, url: "http://1.2.3.4/" })).toBe("domain-mismatch");
    expect(set("a=1; Domain=1.2.3.4", { ...ctx, url: "http://1.2.3.4/" }).hostOnly).toBe(false);
  });

  it("rejects a public-suffix Domain when given a public-suffix test", () => {
    const isPublicSuffix = (d: string) => d === "com";
    expect(reason("a=1; Domain=com", { ...ctx, isPublicSuffix })).toBe("public-suffix");
    expect(set("a=1; Domain=com", { ...ctx, url: "https://com/", isPublicSuffix })).toMatchObject({
      hostOnly: true,
    });
  });

  it("gives Max-Age precedence over Expires, whatever their order", () => {
    const a = set("a=1; Max-Age=60; Expires=Wed, 25 Nov 2026 13:00:00 GMT");
    const b = set("a=1; Expires=Wed, 25 Nov 2026 13:00:00 GMT; Max-Age=60");
    expect(a.expires).toBe(now + 60_000);
    expect(b.expires).toBe(now + 60_000);
    expect(set("a=1; Expires=Wed, 25 Nov 2026 13:00:00 GMT").expires).toBe(now + 3_600_000);
  });

  it("reports Max-Age<=0 and past Expires as deletions", () => {
    for (const h of ["a=; Max-Age=0", "a=; Max-Age=-5", "a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"]) {
      const r = parseSetCookie(h, ctx);
      expect(r.status, h).toBe("delete");
      if (r.status === "delete") expect(r.item.name).toBe("a");
    }
  });

  it("ignores an invalid Max-Age and keeps the last valid one", () => {
    expect(set("a=1; Max-Age=10; Max-Age=1e3").expires).toBe(now + 10_000);
    expect(set("a=1; Max-Age=+5").expires).toBeNull();
  });

  it("caps lifetimes at 400 days", () => {
    expect(set("a=1; Max-Age=999999999999").expires).toBe(now + MAX_LIFETIME_MS);
    expect(set("a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT").expires).toBe(now + MAX_LIFETIME_MS);
  });

  it("enforces Secure, SameSite=None and Partitioned rules", () => {
    const http = { ...ctx, url: "http://im.dingtalk.com/" };
    expect(reason("a=1; Secure", http)).toBe("secure-from-insecure-origin");
    expect(set("a=1; Secure", { ...ctx, url: "http://localhost:8080/" }).secure).toBe(true);
    expect(reason("a=1; SameSite=None")).toBe("samesite-none-without-secure");
    expect(reason("a=1; Partitioned")).toBe("partitioned-without-secure");
    expect(set("a=1; Secure; Partitioned").partitionKey).toBe("https://im.dingtalk.com");
    expect(
      set("a=1; Secure; Partitioned", { ...ctx, topLevelSite: "https://dingtalk.com" }).partitionKey,
    ).toBe("https://dingtalk.com");
    expect(set("a=1; SameSite=Bogus").sameSite).toBeUndefined();
  });

  it("enforces the __Secure- and __Host- prefixes", () => {
    expect(reason("__Secure-a=1")).toBe("secure-prefix");
    expect(set("__Secure-a=1; Secure").name).toBe("__Secure-a");
    expect(reason("__Host-a=1; Secure")).toBe("host-prefix");
    expect(reason("__Host-a=1; Secure; Path=/; Domain=dingtalk.com")).toBe("host-prefix");
    expect(reason("__Host-a=1; Path=/")).toBe("host-prefix");
    expect(set("__Host-a=1; Secure; Path=/").hostOnly).toBe(true);
    expect(reason("__host-a=1; Path=/")).toBe("host-prefix");
    expect(reason("=__Host-a")).toBe("secure-prefix");
  });

  it("handles nameless, empty, oversized and control-character cookies", () => {
    expect(set("justvalue")).toMatchObject({ name: "", value: "justvalue" });
    expect(set(" a = b c ; path=/")).toMatchObject({ name: "a", value: "b c", path: "/" });
    expect(set("a==b=")).toMatchObject({ name: "a", value: "=b=" });
    expect(reason("=")).toBe("empty");
    expect(reason("  ; Secure")).toBe("empty");
    expect(reason(`a=${"x".repeat(4096)}`)).toBe("too-large");
    expect(set(`a=${"x".repeat(4094)}`).size).toBe(4095);
    expect(reason("a=1\nb")).toBe("control-character");
    expect(set("a=1\tb").value).toBe("1\tb");
  });

  it("rejects a malformed URL", () => {
    expect(reason("a=1", { ...ctx, url: "not a url" })).toBe("bad-url");
  });
});

describe("parseCookieAssignment", () => {
  it("records script writes and rejects HttpOnly, as browsers do", () => {
    const r = parseCookieAssignment("lang=zh-CN; path=/; max-age=31536000", ctx);
    expect(r.status).toBe("set");
    if (r.status === "set") expect(r.item).toMatchObject({ setBy: "js", httpOnly: false, path: "/" });
    expect(parseCookieAssignment("s=1; HttpOnly", ctx)).toEqual({
      status: "rejected",
      reason: "httponly-from-script",
      name: "s",
    });
  });
});

describe("parseCookieHeader", () => {
  it("splits name/value pairs", () => {
    expect(parseCookieHeader("a=1; b=2;c=x=y ; ;nameless")).toEqual([
      { name: "a", value: "1" },
      { name: "b", value: "2" },
      { name: "c", value: "x=y" },
      { name: "", value: "nameless" },
    ]);
    expect(parseCookieHeader("")).toEqual([]);
  });
});

describe("parseCookieDate", () => {
  it("follows RFC 6265 §5.1.1", () => {
    expect(parseCookieDate("Wed, 09 Jun 2021 10:18:14 GMT")).toBe(Date.UTC(2021, 5, 9, 10, 18, 14));
    expect(parseCookieDate("Wednesday, 09-Jun-21 10:18:14 GMT")).toBe(Date.UTC(2021, 5, 9, 10, 18, 14));
    expect(parseCookieDate("Thu Jan  1 00:00:00 1970")).toBe(0);
    expect(parseCookieDate("9 jun 69 1:2:3")).toBe(Date.UTC(2069, 5, 9, 1, 2, 3));
    expect(parseCookieDate("31 Feb 2020 00:00:00")).toBeUndefined();
    expect(parseCookieDate("09 Jun 1600 10:18:14")).toBeUndefined();
    expect(parseCookieDate("09 Jun 2021 24:00:00")).toBeUndefined();
    expect(parseCookieDate("tomorrow")).toBeUndefined();
  });
});
