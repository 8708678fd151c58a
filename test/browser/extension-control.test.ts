import { describe, expect, it } from "vitest";
import type { ObservedItem } from "../../shared/model.ts";
import { clearStorage, collectStorage } from "../support/collect.ts";
import { itemKey, loadGroundTruth, truthOrigins } from "../support/ground-truth.ts";
import { visit, waitUntilStored } from "../support/property-set.ts";
import {
  type ChromeGlobal,
  serviceWorkerIds,
  stopServiceWorker,
  useExtensionBrowser,
} from "./extension-support.ts";

const truth = loadGroundTruth();
const origins = truthOrigins(truth);
const flow = truth.flows[0]!;
const home = truth.pages.find((p) => p.url === "https://www.dingtalk.com/")!;
/** Ground-truth category of every item key the property set can store. */
const categoryOf = new Map(
  [...truth.pages.flatMap((p) => p.items), ...flow.items].map((i) => [itemKey(i), i.category]),
);
const keyOf = (i: ObservedItem) => itemKey({ ...i, partitionKey: i.partitionKey ?? null });

describe("extension: clear and block on the property set", () => {
  const session = useExtensionBrowser();

  it("clearing marketing removes exactly the marketing items; necessary ones stay and the login still works", async () => {
    await clearStorage(session.browser.context, origins);
    const page = await session.browser.newPage();
    try {
      await page.goto(flow.start);
      for (const [name, value] of Object.entries(flow.fields)) await page.fill(`[name="${name}"]`, value);
      await page.click(flow.submit);
      await page.waitForURL(flow.lands);
      await waitUntilStored(page);
      await visit(page, home.url);
      const before = new Map((await collectStorage(page, { origins })).map((i) => [keyOf(i), i]));
      const marketing = [...before.keys()].filter((k) => categoryOf.get(k) === "marketing");
      expect(marketing.length).toBeGreaterThan(2);

      const popup = await session.drive.openPopup(page);
      await popup.locator('button[data-clear="marketing"]').press("Enter");
      await popup.locator(".status", { hasText: "removed" }).waitFor();
      const status = await popup.locator(".status").textContent();
      expect(status).toContain("could not remove 0");
      await popup.close();

      const after = new Set((await collectStorage(page, { origins })).map(keyOf));
      const removed = [...before.keys()].filter((k) => !after.has(k));
      expect(removed.sort()).toEqual(marketing.sort());
      const necessary = [...before.keys()].filter((k) => categoryOf.get(k) === "necessary");
      expect(necessary.filter((k) => !after.has(k))).toEqual([]);

      await page.goto(flow.lands);
      await page.waitForSelector(flow.signedInMarker, { state: "attached" });
    } finally {
      await page.close();
    }
  });

  it("blocking analytics keeps every analytics item out after a reload and after a service-worker restart", async () => {
    await clearStorage(session.browser.context, origins);
    const page = await session.browser.newPage();
    try {
      await visit(page, home.url);
      const popup = await session.drive.openPopup(page);
      // Keyboard only: focus the checkbox and press Space.
      await popup.locator('input[data-block="analytics"]').focus();
      await popup.keyboard.press("Space");
      await popup.locator(".status", { hasText: "Blocked on this site" }).waitFor();
      await popup.close();

      const analytics = (items: ObservedItem[]) =>
        items.map(keyOf).filter((k) => categoryOf.get(k) === "analytics");
      await visit(page, home.url);
      expect(analytics(await collectStorage(page, { origins }))).toEqual([]);

      // A probe in the worker's global scope: a restarted worker does not have it.
      await session.browser.serviceWorker!.evaluate(() => {
        (globalThis as { probe?: number }).probe = 1;
      });
      await stopServiceWorker(session.browser, session.drive.page);
      await clearStorage(session.browser.context, origins);
      await visit(page, home.url);
      expect(analytics(await collectStorage(page, { origins }))).toEqual([]);
      // Some item of another category did get stored: the page really ran.
      expect((await collectStorage(page, { origins })).length).toBeGreaterThan(3);

      const blocking = await session.drive.send<{ blocking: { blocked: string[] } }>({
        type: "getBlocking",
        site: "dingtalk.com",
      });
      expect(blocking.ok && blocking.blocking.blocked).toEqual(["analytics"]);
      expect(await serviceWorkerIds(session.browser, session.drive.page)).toHaveLength(1);
      const probes = await Promise.all(
        session.browser.context
          .serviceWorkers()
          .map((w) => w.evaluate(() => (globalThis as { probe?: number }).probe ?? 0).catch(() => "gone")),
      );
      expect(probes).toContain(0);
      expect(probes).not.toContain(1);
      const scripts = await session.drive.page.evaluate(() =>
        (globalThis as unknown as ChromeGlobal).chrome.scripting.getRegisteredContentScripts(),
      );
      expect(scripts.map((s) => s.id)).toEqual(["cookie-ledger-guard"]);

      // Unblock, so the category is back: the guard lets analytics through again.
      const off = await session.drive.send({
        type: "setBlock",
        site: "dingtalk.com",
        category: "analytics",
        blocked: false,
      });
      expect(off.ok).toBe(true);
      await clearStorage(session.browser.context, origins);
      await visit(page, home.url);
      expect(analytics(await collectStorage(page, { origins })).length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});
