import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlockingState, Reply } from "../../shared/protocol/messages.ts";
import { chromePath } from "../support/browser.ts";
import { collectStorage } from "../support/collect.ts";
import { itemKey, loadGroundTruth, truthOrigins } from "../support/ground-truth.ts";
import { type PropertySet, startPropertySet, visit } from "../support/property-set.ts";
import { makeTempDir, removeTempDir } from "../support/temp.ts";
import type { ChromeGlobal } from "./extension-support.ts";

const truth = loadGroundTruth();
const origins = truthOrigins(truth);
const HOME = "https://www.dingtalk.com/";
const categoryOf = new Map(truth.pages.flatMap((p) => p.items).map((i) => [itemKey(i), i.category]));

/**
 * Launches Chromium with the extension on a profile that outlives the browser (the shared harness deletes
 * its profile on close, so a browser restart needs its own launcher). Same flags as test/support/browser.ts.
 */
async function launch(profile: string, dir: string, set: PropertySet): Promise<BrowserContext> {
  const ext = set.paths.extension;
  return chromium.launchPersistentContext(profile, {
    executablePath: chromePath(),
    headless: true,
    ignoreHTTPSErrors: true,
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      `--host-resolver-rules=${set.hostResolverRules}`,
      "--ignore-certificate-errors",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
    ],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(dir, "xdg-config"),
      XDG_CACHE_HOME: join(dir, "xdg-cache"),
      XDG_DATA_HOME: join(dir, "xdg-data"),
    },
  });
}

async function extensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  return new URL(worker.url()).host;
}

describe("extension: blocking survives a browser restart", () => {
  let set: PropertySet;
  let dir: string;

  beforeAll(async () => {
    set = await startPropertySet();
    dir = makeTempDir("restart");
  });
  afterAll(async () => {
    await set?.stop();
    if (dir) removeTempDir(dir);
  });

  it("a category blocked before the browser closed stays blocked after it opens again", async () => {
    const profile = join(dir, "profile");
    mkdirSync(join(profile, "Default"), { recursive: true });
    // This Chromium blocks unpartitioned third-party cookies by default; mode 0 allows them.
    writeFileSync(
      join(profile, "Default", "Preferences"),
      JSON.stringify({ profile: { cookie_controls_mode: 0 } }),
    );

    let context = await launch(profile, dir, set);
    try {
      const id = await extensionId(context);
      const page = await context.newPage();
      await visit(page, HOME);
      const ext = await context.newPage();
      await ext.goto(`chrome-extension://${id}/popup.html?tab=0`);
      const reply = (await ext.evaluate(
        (c) => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage(c),
        { type: "setBlock", site: "dingtalk.com", category: "analytics", blocked: true },
      )) as Reply<{ blocking: BlockingState }>;
      expect(reply.ok && reply.blocking.blocked).toEqual(["analytics"]);
    } finally {
      await context.close();
    }

    context = await launch(profile, dir, set);
    try {
      const id = await extensionId(context);
      // The browser starts the extension's worker, which re-applies its blocking (idempotently); wait for the
      // guard's registration to be in place before browsing.
      const ext = await context.newPage();
      await ext.goto(`chrome-extension://${id}/popup.html?tab=0`);
      const registered = () =>
        ext.evaluate(async () =>
          (await (globalThis as unknown as ChromeGlobal).chrome.scripting.getRegisteredContentScripts()).map(
            (r) => r.id,
          ),
        );
      while (!(await registered()).includes("cookie-ledger-guard")) await ext.waitForTimeout(50);
      const page = await context.newPage();
      // A fresh visit in the restarted browser: nothing of the category gets stored.
      await visit(page, HOME);
      // Nothing of the category stays: the guard drops writes, and on the first page after a restart an
      // IndexedDB open can slip past it, which the after-load clean-up (300 ms after load) removes.
      // Poll a bounded number of times rather than sleep a fixed time.
      const analyticsHeld = async () => {
        const items = await collectStorage(page, { origins });
        const keys = items
          .map((i) => itemKey({ ...i, partitionKey: i.partitionKey ?? null }))
          .filter((k) => categoryOf.get(k) === "analytics");
        return { items, keys };
      };
      let { items: stored, keys: analytics } = await analyticsHeld();
      // Only IndexedDB may ever have slipped through; cookies and web storage never do.
      expect(analytics.filter((k) => !k.startsWith("indexedDB |"))).toEqual([]);
      for (let tries = 0; analytics.length > 0 && tries < 40; tries++) {
        await page.waitForTimeout(250);
        ({ items: stored, keys: analytics } = await analyticsHeld());
      }
      expect(analytics).toEqual([]);
      expect(stored.length).toBeGreaterThan(3);
      const state = (await ext.evaluate(
        (c) => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage(c),
        { type: "getBlocking", site: "dingtalk.com" },
      )) as Reply<{ blocking: BlockingState }>;
      expect(state.ok && state.blocking.blocked).toEqual(["analytics"]);
    } finally {
      await context.close();
    }
  });
});
