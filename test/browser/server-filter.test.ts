/**
 * The property set runs cookie-ledger/server: without the SDK on the www host's API only (the HttpOnly marketing
 * cookie in the ground truth's `withConsent` is absent before consent and stored after accept all); in SDK mode
 * (an integrated site) on every first-party response, so HTTP-set optional cookies arrive only with consent.
 */
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeRecord } from "../../sdk/record.ts";
import { compileMatcher } from "../../shared/match/compile.ts";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { collectStorage } from "../support/collect.ts";
import { itemKey, loadGroundTruth } from "../support/ground-truth.ts";
import { type PropertySet, startPropertySet, visit } from "../support/property-set.ts";

const truth = loadGroundTruth();
const bound = truth.withConsent?.find((w) => w.url === "https://www.dingtalk.com/");
const cookie = bound?.items.find((i) => i.kind === "cookie" && i.httpOnly && i.category === "marketing");

describe("server-side filter on the property set", () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    browser = await launchBrowser({ sdk: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("declares the HttpOnly marketing cookie in the served registry", () => {
    expect(cookie).toBeDefined();
    const match = compileMatcher(browser.propertySet.registry).match({ ...cookie!, partitionKey: undefined });
    expect(match?.category).toBe("marketing");
  });

  it("keeps the HttpOnly marketing cookie out before consent and stores it after accept all", async () => {
    const page = await browser.newPage();
    try {
      const api = () =>
        browser.propertySet.requests.filter(
          (r) => r.host === "www.dingtalk.com" && r.path === "/api/visit.json",
        );
      // Under the SDK without a decision the page's own optional writes fail: its verdict is an error.
      await visit(page, bound!.url);
      const before = (await collectStorage(page)).map(itemKey);
      expect(api()).toHaveLength(1);
      expect(before).not.toContain(itemKey(cookie!));
      // The necessary cookie of the same response passed the filter.
      expect(before.some((k) => k.startsWith("cookie | SERVERID |"))).toBe(true);

      await page.evaluate(() =>
        (
          window as never as { cookieLedger: { consent: { acceptAll(): Promise<unknown> } } }
        ).cookieLedger.consent.acceptAll(),
      );
      expect(await visit(page, bound!.url)).toBe("true");
      expect(api()[1]?.cookie).toMatch(/cookie_ledger_consent=/);
      const after = await collectStorage(page);
      const stored = after.find((i) => itemKey(i) === itemKey(cookie!));
      expect(stored).toMatchObject({ httpOnly: true, secure: true, hostOnly: false });
    } finally {
      await page.close();
    }
  });
});

/** Every first-party response of the ground truth that sets cookies: host, path (documents, fetch/XHR, image). */
const RESPONSES = [
  ["www.dingtalk.com", "/"],
  ["www.dingtalk.com", "/login"],
  ["www.dingtalk.com", "/api/visit.json"],
  ["im.dingtalk.com", "/"],
  ["open.dingtalk.com", "/"],
  ["open.dingtalk.com", "/api/docs-config.json"],
  ["appcenter.dingtalk.com", "/"],
  ["appcenter.dingtalk.com", "/img/beacon.gif"],
  ["open-drp.dingtalk.com", "/"],
  ["h5.dingtalk.com", "/"],
  ["club.dingding.xin", "/"],
] as const;

/** Category of each HTTP-set first-party cookie name in the ground truth. */
const categoryOf = new Map(
  [...truth.pages.flatMap((p) => p.items), ...(truth.withConsent ?? []).flatMap((w) => w.items)]
    .filter((i) => i.kind === "cookie" && i.setBy === "http" && !i.thirdPartyCookie)
    .map((i) => [i.name, i.category]),
);

/** Names of the Set-Cookie values a request gets, as a browser would send it (certificate checked). */
function setCookieNames(set: PropertySet, host: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<string[]>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: set.port, path, servername: host, agent: false, ca: set.certificate.cert },
      (res) => {
        res.resume();
        res.on("end", () => resolve((res.headers["set-cookie"] ?? []).map((c) => c.split("=", 1)[0]!)));
      },
    );
    for (const [name, value] of Object.entries({ host, ...headers })) req.setHeader(name, value);
    req.on("error", reject);
    req.end();
  });
}

describe("server-side filter in SDK mode: every first-party response", () => {
  let sdk: PropertySet;
  let plain: PropertySet;
  const consent = (set: PropertySet, granted: boolean) =>
    `cookie_ledger_consent=${encodeRecord({
      categories: { functional: granted, analytics: granted, marketing: granted },
      revision: set.registry.revision,
      at: Date.now(),
      source: "api",
      id: "server-filter-test",
    })}`;

  beforeAll(async () => {
    [sdk, plain] = await Promise.all([startPropertySet({ sdk: true }), startPropertySet()]);
  });
  afterAll(async () => {
    await Promise.all([sdk?.stop(), plain?.stop()]);
  });

  it("sends only necessary cookies before consent and after reject all, everything after accept all", async () => {
    expect(sdk.sdkAvailable, "the SDK is built (node scripts/build.mjs)").toBe(true);
    const optional: string[] = [];
    for (const [host, path] of RESPONSES) {
      // What the site sets, as the no-SDK mode serves it (its www API filtered: ask with consent).
      const all = await setCookieNames(plain, host, path, { cookie: consent(plain, true) });
      expect(all.length, `${host}${path} sets cookies`).toBeGreaterThan(0);
      expect(
        all.every((n) => categoryOf.has(n)),
        `${host}${path}: ${all}`,
      ).toBe(true);
      const necessary = all.filter((n) => categoryOf.get(n) === "necessary");
      optional.push(...all.filter((n) => categoryOf.get(n) !== "necessary"));
      const label = `${host}${path}`;
      expect(await setCookieNames(sdk, host, path), `${label}, no decision`).toEqual(necessary);
      expect(
        await setCookieNames(sdk, host, path, { cookie: consent(sdk, false) }),
        `${label}, rejected`,
      ).toEqual(necessary);
      expect(
        await setCookieNames(sdk, host, path, { cookie: consent(sdk, true) }),
        `${label}, accepted`,
      ).toEqual(all);
    }
    // The optional HTTP-set cookies the filter keeps out: on documents, XHR (another path) and images.
    expect(optional).toEqual(
      expect.arrayContaining([
        "cna",
        "dingtalk_lang",
        "dingtalk_adseg",
        "SERVERCORSID",
        "tfstk",
        "_uab_collina",
        "l",
      ]),
    );
  });

  it("without the SDK leaves static responses unfiltered; a page's ?sdk=1 and its requests are filtered", async () => {
    expect(await setCookieNames(plain, "www.dingtalk.com", "/")).toEqual(["acw_tc", "cna", "dingtalk_lang"]);
    expect(await setCookieNames(plain, "open.dingtalk.com", "/api/docs-config.json")).toEqual([
      "SERVERCORSID",
      "tfstk",
    ]);
    // A page served with ?sdk=1 is an integrated page: its navigation, and the requests it makes (same-origin
    // requests carry its full URL as Referer).
    const navigate = { "sec-fetch-mode": "navigate" };
    expect(await setCookieNames(plain, "www.dingtalk.com", "/?sdk=1", navigate)).toEqual(["acw_tc"]);
    const xhr = { referer: "https://open.dingtalk.com/?sdk=1", "sec-fetch-mode": "cors" };
    expect(await setCookieNames(plain, "open.dingtalk.com", "/api/docs-config.json", xhr)).toEqual([]);
    // A navigation is its own page: a link from an SDK page to a plain one is not filtered.
    expect(
      await setCookieNames(plain, "www.dingtalk.com", "/", {
        ...navigate,
        referer: "https://www.dingtalk.com/?sdk=1",
      }),
    ).toEqual(["acw_tc", "cna", "dingtalk_lang"]);
  });

  it("leaves the adversarial page's HTTP techniques to the in-page SDK", async () => {
    expect(await setCookieNames(sdk, "www.dingtalk.com", "/adversarial/set-cookie-fetch.txt")).toEqual([
      "adv_http_fetch",
    ]);
  });
});
