import { describe, expect, it } from "vitest";
import type { Inventory, Reply } from "../../shared/protocol/messages.ts";
import { clearStorage, collectStorage } from "../support/collect.ts";
import { loadGroundTruth, truthOrigins } from "../support/ground-truth.ts";
import { visit } from "../support/property-set.ts";
import { inContentScript, useExtensionBrowser } from "./extension-support.ts";

const truth = loadGroundTruth();
const origins = truthOrigins(truth);
const HOME = "https://www.dingtalk.com/";
const ADS = "https://ads.adnet.test/frame.html";

describe("extension: trust boundaries", () => {
  const session = useExtensionBrowser();

  it("a page or its content script cannot read or clear another site, nor change blocking", async () => {
    await clearStorage(session.browser.context, origins);
    const page = await session.browser.newPage();
    const other = await session.browser.newPage();
    try {
      await visit(page, HOME);
      await other.goto(ADS);
      const adCookies = async () =>
        (await collectStorage(page)).filter((i) => i.kind === "cookie" && i.domain?.endsWith("adnet.test"));
      const before = await adCookies();
      expect(before.length).toBeGreaterThan(0);
      const otherTab = await session.drive.tabIdOf(other);

      // The page itself has no channel to the extension…
      expect(
        await page.evaluate(
          () =>
            typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
              ?.sendMessage,
        ),
      ).toBe("undefined");
      // …and what it posts on its window is never relayed as a command.
      await page.evaluate(() => {
        for (const m of [
          { type: "clearCategory", site: "adnet.test", category: "marketing" },
          { source: "cookie-ledger", v: 1, type: "clear", id: "f1", category: "marketing" },
          { source: "cookie-ledger", v: 1, type: "result", id: "f2", ok: true },
        ])
          window.postMessage(m, "*");
      });

      // The content script's own messages are bound to its tab's site.
      const send = (command: object) =>
        inContentScript(
          session.browser,
          page,
          `chrome.runtime.sendMessage(${JSON.stringify(command)})`,
        ) as Promise<Reply<{ inventory: Inventory }>>;
      const refused = [
        { type: "getInventory", tabId: otherTab },
        { type: "exportInventory", tabId: otherTab, format: "json" },
        { type: "clearCategory", site: "adnet.test", category: "marketing" },
        { type: "clearCategory", tabId: otherTab, category: "marketing" },
        { type: "setBlock", site: "dingtalk.com", category: "marketing", blocked: false },
        { type: "blockAllNonEssential", site: "adnet.test" },
        { type: "getHistory", site: "adnet.test" },
      ];
      for (const command of refused) {
        const reply = await send(command);
        expect(reply.ok, JSON.stringify(command)).toBe(false);
        expect(!reply.ok && reply.error).toMatch(/^forbidden/);
      }
      const own = await send({ type: "getInventory" });
      expect(own.ok && own.inventory.site).toBe("dingtalk.com");

      expect((await adCookies()).map((c) => c.name).sort()).toEqual(before.map((c) => c.name).sort());
    } finally {
      await other.close();
      await page.close();
    }
  });

  it("registry text with HTML and script payloads renders as inert text", async () => {
    const page = await session.browser.newPage();
    try {
      await visit(page, HOME);
      const img = `<img src=x onerror="document.title='pwned'">`;
      const script = `<script>document.title='pwned'</script>`;
      // A hostile page answers the bridge as an SDK would, declaring its undeclared key with payloads.
      await page.evaluate(
        ({ img, script }) => {
          const registry = {
            format: "cookie-ledger/1",
            revision: "x",
            site: { name: script, policy: { url: "https://www.dingtalk.com/policy", updated: "2025-01-01" } },
            properties: ["dingtalk.com"],
            purposes: {
              evil: {
                category: "functional",
                label: { en: img, "zh-CN": img },
                description: { en: script, "zh-CN": script },
                policyRef: script,
              },
            },
            entries: [
              { kind: "localStorage", name: "dt_debug_flags", purpose: "evil", provider: { name: img } },
            ],
          };
          const consent = {
            decided: false,
            categories: { functional: false, analytics: false, marketing: false },
          };
          window.addEventListener("message", (e) => {
            const m = e.data as { source?: string; type?: string; id?: string };
            if (m?.source !== "cookie-ledger") return;
            const base = { source: "cookie-ledger", v: 1, id: m.id };
            if (m.type === "hello")
              window.postMessage({ ...base, type: "ready", sdk: "6.6.6", revision: "x" }, "*");
            if (m.type === "inventory.get")
              window.postMessage(
                { ...base, type: "inventory", inventory: { registry, observed: [], findings: [], consent } },
                "*",
              );
          });
        },
        { img, script },
      );
      const popup = await session.drive.openPopup(page);
      let dialogs = 0;
      popup.on("dialog", (d) => {
        dialogs += 1;
        void d.dismiss();
      });
      const row = popup.locator(".items .item", { hasText: "dt_debug_flags" });
      await expect(row.textContent()).resolves.toContain(img);
      expect(await row.textContent()).toContain(script);
      expect(await row.textContent()).toContain("Page SDK");
      expect(await popup.locator("main img, main script").count()).toBe(0);
      expect(await popup.title()).not.toBe("pwned");
      expect(dialogs).toBe(0);
      await popup.close();
    } finally {
      await page.close();
    }
  });

  it("the popup is usable by keyboard alone: every control is reachable with Tab", async () => {
    const page = await session.browser.newPage();
    try {
      await visit(page, HOME);
      const popup = await session.drive.openPopup(page);
      const seen: string[] = [];
      for (let i = 0; i < 20; i++) {
        await popup.keyboard.press("Tab");
        seen.push(
          await popup.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            return el ? `${el.tagName.toLowerCase()}:${el.getAttribute("type") ?? ""}` : "none";
          }),
        );
      }
      expect(seen).toContain("button:button");
      expect(seen).toContain("input:checkbox");
      expect(seen).toContain("input:search");
      expect(seen).toContain("select:");
      expect(await popup.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count()).toBe(0);
      // Typing in the search box filters the table.
      await popup.locator("input[type=search]").fill("mixpanel");
      const names = await popup.locator(".items .item .name").allTextContents();
      expect(names.length).toBeGreaterThan(0);
      expect(names.every((n) => n.includes("mixpanel"))).toBe(true);
      await popup.close();
    } finally {
      await page.close();
    }
  });
});
