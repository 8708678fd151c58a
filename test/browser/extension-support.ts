/** Drives the extension in Chromium: commands through an extension page, the popup as a tab, SW restarts. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Command, Inventory, Reply } from "../../shared/protocol/messages.ts";
import { type LaunchedBrowser, type LaunchOptions, launchBrowser } from "../support/browser.ts";

/** The slice of the `chrome` global the tests call inside extension pages. */
export interface ChromeGlobal {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown> };
    tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
    scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
  };
}

export interface Driver {
  /** An extension page (popup.html without a tab) that sends commands as the popup would. */
  page: Page;
  send<T = Record<string, unknown>>(command: Command): Promise<Reply<T>>;
  tabIdOf(page: Page): Promise<number>;
  inventory(page: Page): Promise<Inventory>;
  /** Opens the popup for the page's tab and waits until it shows the item table. */
  openPopup(page: Page): Promise<Page>;
  close(): Promise<void>;
}

/** A browser with the extension loaded, and its driver, for the tests of one `describe` block. */
export interface ExtensionSession {
  browser: LaunchedBrowser;
  drive: Driver;
}

/** Launches the browser with the extension before the block's tests and closes it after them. */
export function useExtensionBrowser(options: Omit<LaunchOptions, "extension"> = {}): ExtensionSession {
  const session = {} as ExtensionSession;
  beforeAll(async () => {
    session.browser = await launchBrowser({ ...options, extension: true });
    session.drive = await driver(session.browser);
  });
  afterAll(async () => {
    await session.browser?.close();
  });
  return session;
}

export async function driver(browser: LaunchedBrowser): Promise<Driver> {
  const base = `chrome-extension://${browser.extensionId}`;
  const page = await browser.newPage();
  await page.goto(`${base}/popup.html?tab=0`);
  const send = <T>(command: Command) =>
    page.evaluate(
      (c) => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage(c),
      command,
    ) as Promise<Reply<T>>;
  const tabIdOf = async (target: Page) => {
    // Mark the page so its tab can be told apart from others showing the same URL.
    const mark = `cl-${Math.random().toString(36).slice(2)}`;
    await target.evaluate((m) => {
      document.title = m;
    }, mark);
    const id = await page.evaluate(
      async (m) => (await (globalThis as unknown as ChromeGlobal).chrome.tabs.query({ title: m }))[0]?.id,
      mark,
    );
    if (id === undefined) throw new Error("tab not found");
    return id;
  };
  return {
    page,
    send,
    tabIdOf,
    async inventory(target) {
      const reply = await send<{ inventory: Inventory }>({
        type: "getInventory",
        tabId: await tabIdOf(target),
      });
      if (!reply.ok) throw new Error(reply.error);
      return reply.inventory;
    },
    async openPopup(target) {
      const tabId = await tabIdOf(target);
      const popup = await browser.newPage();
      await popup.setViewportSize({ width: 1180, height: 1000 });
      await popup.goto(`${base}/popup.html?tab=${tabId}`);
      await popup.waitForSelector(".items, main p");
      return popup;
    },
    close: () => page.close(),
  };
}

/** Evaluates an expression in the extension's content-script (isolated) world of a page, through CDP. */
export async function inContentScript(browser: LaunchedBrowser, target: Page, expression: string) {
  const session = await browser.context.newCDPSession(target);
  const contexts: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
  session.on("Runtime.executionContextCreated", (e) => contexts.push(e.context));
  await session.send("Runtime.enable");
  const mainFrame = (await session.send("Page.getFrameTree")).frameTree.frame.id;
  const world = contexts.find(
    (c) =>
      c.auxData?.type === "isolated" &&
      c.auxData.frameId === mainFrame &&
      c.origin === `chrome-extension://${browser.extensionId}`,
  );
  if (!world) throw new Error("content-script world not found");
  const result = await session.send("Runtime.evaluate", {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await session.detach();
  return result.result.value as unknown;
}

/** Stops the extension's service worker (a real stop, unlike runtime.reload) and waits until it is gone. */
export async function stopServiceWorker(browser: LaunchedBrowser, from: Page): Promise<void> {
  const session = await browser.context.newCDPSession(from);
  const workers = async () =>
    (await session.send("Target.getTargets")).targetInfos.filter(
      (t) => t.type === "service_worker" && t.url.startsWith(`chrome-extension://${browser.extensionId}/`),
    );
  for (const t of await workers()) await session.send("Target.closeTarget", { targetId: t.targetId });
  while ((await workers()).length > 0) await new Promise((r) => setTimeout(r, 50));
  await session.detach();
}

/** Target ids of the extension's running service workers (a restart shows a new id). */
export async function serviceWorkerIds(browser: LaunchedBrowser, from: Page): Promise<string[]> {
  const session = await browser.context.newCDPSession(from);
  const { targetInfos } = await session.send("Target.getTargets");
  await session.detach();
  return targetInfos
    .filter(
      (t) => t.type === "service_worker" && t.url.startsWith(`chrome-extension://${browser.extensionId}/`),
    )
    .map((t) => t.targetId);
}
