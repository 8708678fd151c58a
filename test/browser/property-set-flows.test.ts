import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { clearStorage, collectStorage } from "../support/collect.ts";
import { leftoverProcesses } from "../support/global-setup.ts";
import { itemKey, loadGroundTruth, truthOrigins } from "../support/ground-truth.ts";
import { visit, waitUntilStored } from "../support/property-set.ts";
import { TEMP_PREFIX, tempRoot } from "../support/temp.ts";

const truth = loadGroundTruth();
const origins = truthOrigins(truth);
const home = truth.pages.find((p) => p.url === "https://www.dingtalk.com/")!;
const login = truth.flows.find((f) => f.name === "login")!;

describe("property set under Chromium's default cookie settings", () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    browser = await launchBrowser({ thirdPartyCookies: "default" });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("blocks the pixel's third-party cookie but keeps the partitioned one", async () => {
    const thirdParty = home.items.filter((i) => i.thirdPartyCookie);
    const partitioned = home.items.filter((i) => i.partitionKey);
    expect(thirdParty.map((i) => i.name)).toContain("ad_uid");
    expect(partitioned.length).toBeGreaterThan(0);
    const page = await browser.newPage();
    try {
      expect(await visit(page, home.url)).toBe("true");
      const observed = new Set((await collectStorage(page)).map(itemKey));
      const expected = home.items.filter((i) => !i.thirdPartyCookie).map(itemKey);
      expect([...observed].sort()).toEqual(expected.sort());
      for (const item of thirdParty) expect(observed.has(itemKey(item)), itemKey(item)).toBe(false);
      // The pixel was requested all the same: only its cookie was refused.
      expect(
        browser.propertySet.requests.some(
          (r) => r.host === "ads.adnet.test" && r.path.startsWith("/pixel.gif"),
        ),
      ).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("signs in through the login flow, and the messenger breaks without the session cookie", async () => {
    await clearStorage(browser.context, origins);
    const page = await browser.newPage();
    try {
      await visit(page, login.lands);
      expect(await page.$(login.signedOutMarker)).not.toBeNull();

      await visit(page, login.start);
      for (const [name, value] of Object.entries(login.fields)) await page.fill(`input[name=${name}]`, value);
      await Promise.all([page.waitForURL(login.lands), page.click(login.submit)]);
      expect(await waitUntilStored(page)).toBe("true");
      expect(await page.$(login.signedInMarker)).not.toBeNull();

      const cookies = (await collectStorage(page)).filter((i) => i.kind === "cookie");
      for (const item of login.items) {
        const found = cookies.find((c) => itemKey(c) === itemKey(item));
        expect(found, itemKey(item)).toBeDefined();
        expect(found?.httpOnly).toBe(item.httpOnly);
        expect(found?.expires === null).toBe(item.maxAgeSeconds === null);
      }

      // Removing the necessary session cookie is what a careless "clear" would do: the page signs out.
      await browser.context.clearCookies({ name: "dingtalk_session" });
      await visit(page, login.lands);
      expect(await page.$(login.signedOutMarker)).not.toBeNull();
      const me = browser.propertySet.requests.filter(
        (r) => r.host === "im.dingtalk.com" && r.path === "/api/me",
      );
      expect(me.map((r) => Boolean(r.cookie?.includes("dingtalk_session=")))).toEqual([false, true, false]);
    } finally {
      await page.close();
    }
  });

  it("closing leaves no browser process and no temp folder behind", async () => {
    const profileDir = browser.profileDir;
    expect(profileDir.startsWith(tempRoot())).toBe(true);
    expect(existsSync(profileDir)).toBe(true);
    await browser.close();
    expect(existsSync(profileDir)).toBe(false);
    expect(existsSync(tempRoot())).toBe(false);
    const run = process.env.COOKIE_LEDGER_TEST_RUN;
    expect(run, "the global setup gives every run an id").toBeDefined();
    expect(leftoverProcesses(`${TEMP_PREFIX}${run}-${process.pid}`)).toEqual([]);
  });
});
