import { describe, expect, it } from "vitest";
import type { ClearReport, ExportFile, HistoryRecord } from "../../shared/protocol/messages.ts";
import { clearStorage } from "../support/collect.ts";
import { loadGroundTruth, truthOrigins } from "../support/ground-truth.ts";
import { visit } from "../support/property-set.ts";
import { useExtensionBrowser } from "./extension-support.ts";

const truth = loadGroundTruth();
const origins = truthOrigins(truth);
const HOME = "https://www.dingtalk.com/";

interface BadgeGlobal {
  chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
}

describe("extension: badge, history, export, SDK link", () => {
  const session = useExtensionBrowser();

  it("shows undeclared + non-essential items on the badge and keeps first/last seen", async () => {
    await clearStorage(session.browser.context, origins);
    const page = await session.browser.newPage();
    try {
      await visit(page, HOME);
      const first = await session.drive.inventory(page);
      const tabId = await session.drive.tabIdOf(page);
      const badge = await session.drive.page.evaluate(
        (id) => (globalThis as unknown as BadgeGlobal).chrome.action.getBadgeText({ tabId: id }),
        tabId,
      );
      const expected = first.items.filter((i) => !i.declared || i.category !== "necessary").length;
      expect(expected).toBeGreaterThan(0);
      expect(badge).toBe(String(expected));

      const again = await session.drive.inventory(page);
      const row = again.items.find((i) => i.item.name === "dingtalk_lang")!;
      expect(row.firstSeen).toBe(first.items.find((i) => i.key === row.key)!.firstSeen);
      expect(row.lastSeen!).toBeGreaterThanOrEqual(row.firstSeen!);
      const history = await session.drive.send<{ records: HistoryRecord[] }>({
        type: "getHistory",
        site: "dingtalk.com",
      });
      expect(history.ok && history.records.some((r) => r.name === "dingtalk_lang")).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("exports the inventory as JSON (shared model) and CSV (quoted)", async () => {
    const page = await session.browser.newPage();
    try {
      await visit(page, HOME);
      const tabId = await session.drive.tabIdOf(page);
      const inventory = await session.drive.inventory(page);
      const json = await session.drive.send<{ file: ExportFile }>({
        type: "exportInventory",
        tabId,
        format: "json",
      });
      const csv = await session.drive.send<{ file: ExportFile }>({
        type: "exportInventory",
        tabId,
        format: "csv",
      });
      if (!json.ok || !csv.ok) throw new Error("export failed");
      const body = JSON.parse(json.file.text) as { site: string; observed: unknown[]; findings: unknown[] };
      expect(body.site).toBe("dingtalk.com");
      expect(body.observed).toHaveLength(inventory.items.length);
      expect(body.findings.length).toBeGreaterThanOrEqual(inventory.items.length);
      const lines = csv.file.text.trimEnd().split("\r\n");
      expect(lines[0]!.startsWith("kind,name,domain,origin,path,partitionKey,category,classifier")).toBe(
        true,
      );
      expect(lines).toHaveLength(inventory.items.length + 1);
      expect(csv.file.filename).toMatch(/^cookie-ledger-dingtalk\.com-\d{4}-\d{2}-\d{2}\.csv$/);
    } finally {
      await page.close();
    }
  });

  it("classifies by the page's SDK first and, when clearing, withdraws the SDK's consent before removing", async () => {
    await clearStorage(session.browser.context, origins);
    const page = await session.browser.newPage();
    try {
      await visit(page, HOME);
      // A stand-in SDK speaking the page bridge (docs/protocol.md), recording what it is asked.
      await page.evaluate(() => {
        const registry = {
          format: "cookie-ledger/1",
          revision: "r7",
          site: {
            name: "DingTalk",
            policy: { url: "https://www.dingtalk.com/policy", updated: "2025-01-01" },
          },
          properties: ["dingtalk.com"],
          purposes: {},
          entries: [{ kind: "localStorage", name: "dt_debug_flags", category: "marketing" }],
        };
        const consent = { decided: true, categories: { functional: true, analytics: true, marketing: true } };
        const asked: string[] = [];
        (window as unknown as { asked: string[] }).asked = asked;
        window.addEventListener("message", (e) => {
          const m = e.data as {
            source?: string;
            type?: string;
            id?: string;
            categories?: object;
            category?: string;
          };
          if (m?.source !== "cookie-ledger" || !m.id) return;
          const reply = (body: object) =>
            window.postMessage({ source: "cookie-ledger", v: 1, id: m.id, ...body }, "*");
          if (m.type === "hello") reply({ type: "ready", sdk: "1.0.0", revision: "r7" });
          else if (m.type === "inventory.get")
            reply({ type: "inventory", inventory: { registry, observed: [], findings: [], consent } });
          else if (m.type === "consent.set") {
            asked.push(`consent.set ${JSON.stringify(m.categories)}`);
            reply({ type: "result", ok: true });
          } else if (m.type === "clear") {
            asked.push(`clear ${m.category}`);
            reply({ type: "result", ok: true });
          }
        });
      });
      const inventory = await session.drive.inventory(page);
      expect(inventory.sdk).toEqual({ version: "1.0.0", revision: "r7" });
      expect(inventory.sources[0]).toBe("sdk");
      const row = inventory.items.find((i) => i.item.name === "dt_debug_flags")!;
      expect(row).toMatchObject({ classifier: "sdk", category: "marketing", declared: true });

      const tabId = await session.drive.tabIdOf(page);
      const reply = await session.drive.send<{ report: ClearReport }>({
        type: "clearCategory",
        tabId,
        category: "marketing",
      });
      expect(reply.ok && reply.report.sdkConsent).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual([
        'consent.set {"marketing":false}',
        "clear marketing",
      ]);
      const after = await session.drive.inventory(page);
      expect(after.items.filter((i) => i.category === "marketing")).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("extension in Simplified Chinese", () => {
  const session = useExtensionBrowser({ args: ["--lang=zh-CN"] });

  it("shows the popup and the registry's texts in Chinese when the browser language is Chinese", async () => {
    const page = await session.browser.newPage();
    try {
      await visit(page, HOME);
      const popup = await session.drive.openPopup(page);
      expect(await popup.locator("h1").textContent()).toBe("dingtalk.com 存储的内容");
      const row = popup.locator(".items .item", { hasText: "dingtalk_lang" });
      expect(await row.locator(".policy").textContent()).toMatch(/^政策条款：/);
      expect(await row.locator(".purpose").textContent()).toMatch(/[\u4e00-\u9fff]/);
      await popup.close();
    } finally {
      await page.close();
    }
  });
});
