import { describe, expect, it } from "vitest";
import { encodeRecord } from "../../sdk/record.ts";
import {
  CONSENT_COOKIE,
  consentFromCookieHeader,
  createSetCookieFilter,
  filterResponse,
  filterSetCookie,
} from "../../sdk/server/index.ts";
import type { ConsentRecord } from "../../sdk/types.ts";
import type { Registry } from "../../shared/registry/schema.ts";

const registry = {
  format: "cookie-ledger/1",
  revision: "r7",
  site: { name: "Example", policy: { url: "https://www.example.test/privacy", updated: "2026-01-01" } },
  properties: ["example.test"],
  purposes: {},
  entries: [
    { kind: "cookie", name: "sid", category: "necessary" },
    { kind: "cookie", name: "lang", category: "functional" },
    { kind: "cookie", name: "_ga*", category: "analytics" },
    { kind: "cookie", name: "ad_seg", category: "marketing" },
    { kind: "cookie", name: "host_ad", domain: "www.example.test", category: "marketing" },
  ],
} as unknown as Registry;

const SID = "sid=1; Path=/; HttpOnly; Secure";
const LANG = "lang=en; Path=/; Max-Age=3600";
const GA = "_ga=GA1.2.3; Domain=.example.test; Path=/; Max-Age=3600";
const AD = "ad_seg=x; Domain=.example.test; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=3600";
const ALL = [SID, LANG, GA, AD];

function consentValue(categories: Partial<ConsentRecord["categories"]>, revision = "r7"): string {
  return encodeRecord({
    categories: { functional: false, analytics: false, marketing: false, ...categories },
    revision,
    at: 1_700_000_000_000,
    source: "banner",
    id: "abc",
  });
}

describe("filterSetCookie", () => {
  it("keeps every category that consent grants, HttpOnly ones included", () => {
    const value = consentValue({ functional: true, analytics: true, marketing: true });
    const r = filterSetCookie(ALL, value, registry);
    expect(r.headers).toEqual(ALL);
    expect(r.removed).toEqual([]);
    expect(r.consent?.categories.marketing).toBe(true);
  });

  it("removes denied categories, in order, and reports them; necessary always passes", () => {
    const r = filterSetCookie(ALL, consentValue({ functional: true }), registry);
    expect(r.headers).toEqual([SID, LANG]);
    expect(r.removed).toEqual([
      { header: GA, name: "_ga", category: "analytics", reason: "no-consent" },
      { header: AD, name: "ad_seg", category: "marketing", reason: "no-consent" },
    ]);
  });

  it("treats a missing, empty, tampered or other-revision consent cookie as no consent", () => {
    const good = consentValue({ functional: true, analytics: true, marketing: true });
    const cut = good.lastIndexOf(":");
    const [body, sum] = [good.slice(0, cut), good.slice(cut + 1)];
    const tampered = [
      undefined,
      null,
      "",
      "garbage",
      `${body.replace("7", "6")}:${sum}`,
      `${body}:${sum}x`,
      `1${good}`,
      `${good}:extra`,
      consentValue({ marketing: true }, "r6"),
    ];
    for (const value of tampered) {
      const r = filterSetCookie(ALL, value, registry);
      expect(r.headers, String(value)).toEqual([SID]);
      expect(r.consent).toBeUndefined();
    }
  });

  it("passes malformed values through unchanged and reports them without throwing", () => {
    const bad = ["a=b\u0001c", "", ";", `x=${"y".repeat(5000)}`];
    const r = filterSetCookie([...bad, AD], undefined, registry);
    expect(r.headers).toEqual(bad);
    expect(r.malformed.map((m) => m.reason)).toEqual(["control-character", "empty", "empty", "too-large"]);
    const odd = filterSetCookie([42 as unknown as string], undefined, registry);
    expect(odd.malformed).toEqual([{ header: "42", reason: "not-a-string" }]);
    expect(filterSetCookie(undefined, undefined, registry).headers).toEqual([]);
    expect(filterSetCookie(AD, undefined, registry).headers).toEqual([]);
  });

  it("lets deletions through whatever the consent", () => {
    const deletions = ["ad_seg=; Max-Age=0; Path=/", "_ga=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"];
    expect(filterSetCookie(deletions, undefined, registry).headers).toEqual(deletions);
    const viaUrl = filterSetCookie(deletions, undefined, registry, { url: "https://www.example.test/" });
    expect(viaUrl.headers).toEqual(deletions);
  });

  it("classifies host-only cookies by the request URL, whatever its scheme", () => {
    const hostAd = "host_ad=1; Path=/; Secure; HttpOnly";
    expect(filterSetCookie([hostAd], undefined, registry).headers).toEqual([hostAd]);
    for (const url of ["https://www.example.test/a/b", "http://www.example.test/"])
      expect(filterSetCookie([hostAd], undefined, registry, { url }).headers, url).toEqual([]);
    // A Domain the URL does not match (a proxy's internal host name) is still classified by name.
    expect(filterSetCookie([AD], undefined, registry, { url: "http://localhost:3000/" }).headers).toEqual([]);
  });

  it("lets undeclared cookies through by default and removes them with policy block", () => {
    const other = "other=1; Path=/";
    expect(filterSetCookie([other], undefined, registry).headers).toEqual([other]);
    const blocked = filterSetCookie([other], undefined, registry, { policy: "block" });
    expect(blocked.headers).toEqual([]);
    expect(blocked.removed).toEqual([{ header: other, name: "other", reason: "undeclared" }]);
  });

  it("always lets the consent record through, declared or not", () => {
    const record = `${CONSENT_COOKIE}=${consentValue({})}; Path=/; Max-Age=15552000; SameSite=Lax`;
    expect(filterSetCookie([record], undefined, registry, { policy: "block" }).headers).toEqual([record]);
  });

  it("reuses one compiled filter across calls", () => {
    const filter = createSetCookieFilter(registry, { policy: "block" });
    expect(filter([GA, "x=1"], consentValue({ analytics: true })).headers).toEqual([GA]);
    expect(filter([GA], undefined).headers).toEqual([]);
  });
});

describe("consentFromCookieHeader", () => {
  it("reads the cookie the SDK core writes", async () => {
    expect(CONSENT_COOKIE).toBe((await import("../../sdk/ledger.ts")).CONSENT_COOKIE);
  });
  it("finds the consent cookie among others", () => {
    expect(consentFromCookieHeader(`a=1; ${CONSENT_COOKIE}=1.x.y; b=2`)).toBe("1.x.y");
    expect(consentFromCookieHeader("a=1")).toBeUndefined();
    expect(consentFromCookieHeader(undefined)).toBeUndefined();
  });
});

describe("filterResponse", () => {
  const response = () => {
    const headers = new Headers({ "content-type": "text/plain" });
    for (const c of ALL) headers.append("set-cookie", c);
    return new Response("body", { status: 201, statusText: "Created", headers });
  };

  it("filters by the request's Cookie header and keeps status, headers and body", async () => {
    const request = new Request("https://www.example.test/", {
      headers: { cookie: `${CONSENT_COOKIE}=${consentValue({ analytics: true })}` },
    });
    const reports: string[][] = [];
    const out = filterResponse(response(), request, registry, {
      report: (r) => reports.push(r.removed.map((x) => x.name)),
    });
    expect(out.headers.getSetCookie()).toEqual([SID, GA]);
    expect(out.status).toBe(201);
    expect(out.statusText).toBe("Created");
    expect(out.headers.get("content-type")).toBe("text/plain");
    expect(await out.text()).toBe("body");
    expect(reports).toEqual([["lang", "ad_seg"]]);
  });

  it("takes a consent cookie value too, and returns a response without cookies as it is", () => {
    expect(filterResponse(response(), undefined, registry).headers.getSetCookie()).toEqual([SID]);
    const plain = new Response("x");
    expect(filterResponse(plain, undefined, registry)).toBe(plain);
  });
});
