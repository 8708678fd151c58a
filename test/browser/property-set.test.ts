import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObservedItem } from "../../shared/model.ts";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { clearStorage, collectStorage } from "../support/collect.ts";
import {
  attributeDifferences,
  itemKey,
  loadGroundTruth,
  type TruthItem,
  truthOrigins,
} from "../support/ground-truth.ts";
import { visit } from "../support/property-set.ts";

const truth = loadGroundTruth();
const origins = truthOrigins(truth);

/** Observed items keyed like the ground truth, with the values left out of failure messages. */
function byKey(items: ObservedItem[]): Map<string, ObservedItem> {
  return new Map(items.map((item) => [itemKey(item), item]));
}

describe("property set, third-party cookies allowed", () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    browser = await launchBrowser({ thirdPartyCookies: "allow" });
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const truthPage of truth.pages) {
    it(`${truthPage.url} stores exactly its ground truth`, async () => {
      await clearStorage(browser.context, origins);
      const page = await browser.newPage();
      try {
        expect(await collectStorage(page), "the profile is empty before the visit").toEqual([]);
        const visitedAt = Date.now();
        expect(await visit(page, truthPage.url)).toBe("true");
        // Storage of an origin can only be written by a frame of that origin: the page's frames cover them all.
        const observed = byKey(await collectStorage(page));
        const expected = new Map(truthPage.items.map((item): [string, TruthItem] => [itemKey(item), item]));

        expect(
          [...observed.keys()].filter((k) => !expected.has(k)),
          "unexpected items",
        ).toEqual([]);
        expect(
          [...expected.keys()].filter((k) => !observed.has(k)),
          "missing items",
        ).toEqual([]);
        const differences = [...expected].flatMap(([key, item]) =>
          attributeDifferences(item, observed.get(key)!, visitedAt).map((d) => `${key}: ${d}`),
        );
        expect(differences).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it("stores the third-party pixel's cookie when third-party cookies are allowed", async () => {
    const home = truth.pages.find((p) => p.url === "https://www.dingtalk.com/")!;
    const pixel = home.items.filter((i) => i.thirdPartyCookie);
    expect(pixel.map((i) => i.name)).toContain("ad_uid");
    // The previous test left the home page's storage; read it again from a clean visit.
    await clearStorage(browser.context, origins);
    const page = await browser.newPage();
    try {
      await visit(page, home.url);
      const observed = byKey(await collectStorage(page));
      for (const item of pixel) expect(observed.has(itemKey(item)), itemKey(item)).toBe(true);
      const pixelRequest = browser.propertySet.requests.find(
        (r) => r.host === "ads.adnet.test" && r.path.startsWith("/pixel.gif"),
      );
      expect(pixelRequest).toBeDefined();
    } finally {
      await page.close();
    }
  });
});
