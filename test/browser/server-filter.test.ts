/**
 * The www host of the property set filters its API's Set-Cookie values with cookie-ledger/server: the HttpOnly
 * marketing cookie in the ground truth's `withConsent` is absent before consent and stored after accept all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileMatcher } from "../../shared/match/compile.ts";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { collectStorage } from "../support/collect.ts";
import { itemKey, loadGroundTruth } from "../support/ground-truth.ts";
import { visit } from "../support/property-set.ts";

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
