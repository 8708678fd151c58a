import { describe, expect, it } from "vitest";
import type { InventoryItem } from "../../shared/protocol/messages.ts";
import { clearStorage, collectStorage } from "../support/collect.ts";
import { itemKey, loadGroundTruth, sdkModeItems, truthOrigins } from "../support/ground-truth.ts";
import { visit } from "../support/property-set.ts";
import { useExtensionBrowser } from "./extension-support.ts";

const truth = loadGroundTruth();
const origins = truthOrigins(truth);
const keyOf = (row: InventoryItem) => itemKey({ ...row.item, partitionKey: row.item.partitionKey ?? null });

describe("extension inventory on the property set (no SDK)", () => {
  const session = useExtensionBrowser();

  for (const truthPage of truth.pages) {
    it(`${truthPage.url}: the popup lists exactly the ground truth, with its categories`, async () => {
      await clearStorage(session.browser.context, origins);
      const page = await session.browser.newPage();
      try {
        await visit(page, truthPage.url);
        const inventory = await session.drive.inventory(page);
        const got = new Map(inventory.items.map((r) => [keyOf(r), r]));
        const want = new Map(truthPage.items.map((i) => [itemKey(i), i]));
        expect(
          [...got.keys()].filter((k) => !want.has(k)),
          "unexpected",
        ).toEqual([]);
        expect(
          [...want.keys()].filter((k) => !got.has(k)),
          "missing",
        ).toEqual([]);
        const wrong = [...want]
          .filter(([k, i]) => (got.get(k)!.category ?? null) !== i.category)
          .map(([k]) => k);
        expect(wrong, "category differs").toEqual([]);
        // HttpOnly and partitioned cookies are there with their flags.
        for (const [k, i] of want) {
          if (i.httpOnly) expect(got.get(k)!.item.httpOnly, k).toBe(true);
          if (i.partitionKey) expect(got.get(k)!.item.partitionKey, k).toBe(i.partitionKey);
        }
        // Every declared item says which source classified it: here the site's well-known file.
        for (const r of inventory.items) expect(r.classifier).toBe(r.category ? "well-known" : "unknown");

        const popup = await session.drive.openPopup(page);
        const names = await popup.locator(".items .item .name").allTextContents();
        expect(names.sort()).toEqual(inventory.items.map((r) => r.item.name).sort());
        await popup.close();
      } finally {
        await page.close();
      }
    });
  }

  it("lists the Flash cookies the registry declares as impossible to hold", async () => {
    const page = await session.browser.newPage();
    try {
      await visit(page, truth.pages[0]!.url);
      const inventory = await session.drive.inventory(page);
      expect(inventory.unholdable.map((u) => u.kind)).toEqual(["flash"]);
      const popup = await session.drive.openPopup(page);
      expect(await popup.locator(".unholdable li").count()).toBe(1);
      await popup.close();
    } finally {
      await page.close();
    }
  });

  // Saved under reports/ (ignored by git) so a test run never dirties the tree;
  // UPDATE_SCREENSHOTS=1 refreshes the README's copy in docs/img/.
  it("saves a screenshot of the popup on the property set", async () => {
    const target = process.env.UPDATE_SCREENSHOTS ? "docs/img/popup.png" : "reports/screenshots/popup.png";
    await clearStorage(session.browser.context, origins);
    const page = await session.browser.newPage();
    try {
      await visit(page, truth.pages[0]!.url);
      const popup = await session.drive.openPopup(page);
      const png = await popup.screenshot({ path: target });
      // A PNG signature and a non-trivial size: the popup really rendered something.
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(png.length).toBeGreaterThan(10_000);
      await popup.close();
    } finally {
      await page.close();
    }
  });
});

describe("extension inventory with the SDK on the page", () => {
  const session = useExtensionBrowser({ sdk: true });

  for (const url of ["https://www.dingtalk.com/", "https://im.dingtalk.com/"]) {
    it(`${url}: the inventory equals what the browser holds`, async () => {
      await clearStorage(session.browser.context, origins);
      const page = await session.browser.newPage();
      try {
        await visit(page, url);
        const held = await collectStorage(page, { origins });
        const inventory = await session.drive.inventory(page);
        // The page's own SDK answered the bridge, so its registry classifies first.
        expect(inventory.sources[0]).toBe("sdk");
        const got = inventory.items.map(keyOf).sort();
        const want = held.map((i) => itemKey({ ...i, partitionKey: i.partitionKey ?? null })).sort();
        expect(got).toEqual([...new Set(want)]);
        // An integrated site with no decision: the browser holds exactly the page's necessary and undeclared
        // items (ground truth, `sdkMode`), so the inventory lists no optional item.
        const rule = sdkModeItems(truth, url, "no-decision").map(itemKey).sort();
        expect([...new Set(want)]).toEqual([...new Set(rule)]);
      } finally {
        await page.close();
      }
    });
  }
});
