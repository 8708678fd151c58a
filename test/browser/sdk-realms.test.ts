/**
 * Issue 9: every write technique of the adversarial page (test/fixtures/property-set/js/adversarial/), each
 * storing one `adv_*` marketing item, read back through CDP. Without the SDK each one stores its item (so the
 * test can fail); a naive guard stops under half; with the SDK none is left before consent or after reject-all,
 * all are stored after accept-all, and the necessary controls always stay.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { collectStorage } from "../support/collect.ts";
import { visit } from "../support/property-set.ts";
import { serveExtras } from "./sdk-helpers.ts";
import {
  ids,
  keyOf,
  NECESSARY,
  prepare,
  storedAfterRun,
  techniques,
  withNaiveGuard,
} from "./sdk-realms-support.ts";

let browser: LaunchedBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ sdk: true });
  await serveExtras(browser.context);
});
afterAll(() => browser?.close());

async function scenario(run: (page: Page) => Promise<void>) {
  const page = await browser.newPage();
  try {
    await run(page);
  } finally {
    await page.close();
  }
}
const necessaryKept = (stored: Set<string>) =>
  NECESSARY.filter((n) => !stored.has(`${n.kind} ${n.name}`)).map((n) => n.name);

describe("SDK in every realm: the adversarial page", () => {
  it("has at least 60 techniques covering every group, each storing its item without the SDK", async () => {
    expect(techniques.length).toBeGreaterThanOrEqual(60);
    expect(new Set(techniques.map((t) => t.id)).size).toBe(techniques.length);
    expect(new Set(techniques.map((t) => t.group))).toEqual(
      new Set(["api", "realm", "worker", "timing", "net"]),
    );
    await scenario(async (page) => {
      await prepare(page);
      const { stored } = await storedAfterRun(page, false);
      expect(ids(stored, false)).toEqual([]);
      expect(necessaryKept(stored)).toEqual([]);
    });
  });

  it("a naive guard (document.cookie on document, Storage.prototype.setItem) stops under half", async () => {
    await scenario(async (page) => {
      await withNaiveGuard(page);
      await prepare(page);
      const { stored } = await storedAfterRun(page, false);
      const stopped = ids(stored, false);
      expect(stopped.length).toBeGreaterThan(0);
      expect(stopped.length).toBeLessThan(techniques.length / 2);
    });
  });

  it("before consent: no item stays, necessary ones do; what the safety net removed is a finding", async () => {
    await scenario(async (page) => {
      await prepare(page);
      const { stored, findings } = await storedAfterRun(page, true);
      expect(ids(stored, true)).toEqual([]);
      expect(necessaryKept(stored)).toEqual([]);
      // Only the net reaches the unguarded service worker's cache. (The HTTP-set cookies are removed by the net
      // too, sometimes by the popup page's own ledger first, which then holds that finding.)
      expect(findings).toContain("cacheStorage adv_sw_plain_cache");
      // Workers with the guard (dedicated, shared, the service worker importing cookie-ledger/sw) never stored.
      const guarded = techniques.filter((t) => t.group === "worker").map(keyOf);
      expect(findings.filter((f) => guarded.includes(f))).toEqual([]);
    });
  });

  it("after reject-all: no item stays, necessary ones do", async () => {
    await scenario(async (page) => {
      await prepare(page, "rejectAll");
      const { stored } = await storedAfterRun(page, true);
      expect(ids(stored, true)).toEqual([]);
      expect(necessaryKept(stored)).toEqual([]);
    });
  });

  it("after accept-all: every technique stores its item, with the same results as without the SDK", async () => {
    await scenario(async (page) => {
      await prepare(page, "acceptAll");
      const { stored, results } = await storedAfterRun(page, true);
      expect(ids(stored, false)).toEqual([]);
      expect(necessaryKept(stored)).toEqual([]);
      expect(Object.entries(results).filter(([, r]) => r !== "ok")).toEqual([]);
    });
  });

  it("workers follow a consent change: running ones over the channel, new ones of the same script too", async () => {
    await scenario(async (page) => {
      await prepare(page);
      await visit(page, "https://www.dingtalk.com/adversarial/after?sdk=1");
      await page.evaluate(async () => {
        const ask = (w: Worker, name: string) =>
          new Promise((done) => {
            w.onmessage = done;
            w.postMessage({ name, store: "idb" });
          });
        const before = new Worker("/adversarial/worker.js");
        await ask(before, "adv_worker_before");
        await (
          window as never as { cookieLedger: { consent: { acceptAll(): Promise<unknown> } } }
        ).cookieLedger.consent.acceptAll();
        await ask(before, "adv_worker_running");
        await ask(new Worker("/adversarial/worker.js"), "adv_worker_after");
      });
      const names = (await collectStorage(page)).filter((i) => i.kind === "indexedDB").map((i) => i.name);
      expect(names).toEqual(expect.arrayContaining(["adv_worker_running", "adv_worker_after"]));
      expect(names).not.toContain("adv_worker_before");
    });
  });
});
