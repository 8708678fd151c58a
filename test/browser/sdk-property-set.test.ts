/**
 * The SDK on the local property set (ground truth in test/fixtures/property-set/ground-truth.json):
 * no decision, accept all, reject after accept, Global Privacy Control, the login flow.
 */
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { collectStorage } from "../support/collect.ts";
import { visit, waitUntilStored } from "../support/property-set.ts";
import {
  key,
  reachable,
  serveExtras,
  type TruthItem,
  type TruthPage,
  truth,
  visitAndCollect,
} from "./sdk-helpers.ts";

let browser: LaunchedBrowser | undefined;
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const optional = (i: TruthItem) => i.category !== null && i.category !== "necessary";

type Action = "acceptAll" | "rejectAll";
const site = (url: string) => new URL(url).hostname.split(".").slice(-2).join(".");

/** Decides on the site of `url` (the consent cookie is per registrable domain), then reloads the page. */
async function decide(page: Page, url: string, action: Action) {
  await visit(page, url);
  const change = await page.evaluate(
    (a) =>
      (
        window as never as Record<string, { consent: Record<Action, () => Promise<unknown>> }>
      ).cookieLedger!.consent[a](),
    action,
  );
  return change as { consent: { categories: Record<string, boolean>; gpc: boolean } };
}

/** Visits every page of the ground truth, deciding once per site first. */
async function tour(page: Page, action: Action, each: (p: TruthPage, got: Set<string>) => void) {
  const decided = new Set<string>();
  for (const p of truth.pages) {
    if (!decided.has(site(p.url))) {
      decided.add(site(p.url));
      await decide(page, p.url, action);
    }
    each(p, await visitAndCollect(page, p.url));
  }
}

async function start(gpc = false) {
  browser = await launchBrowser({ sdk: true, gpc });
  await serveExtras(browser.context);
  return browser.newPage();
}

describe("SDK on the property set", () => {
  it("with no decision stores no reachable optional item, every necessary one, and the login works", async () => {
    const page = await start();
    const stored: string[] = [];
    const missing: string[] = [];
    for (const p of truth.pages) {
      const got = await visitAndCollect(page, p.url);
      for (const i of p.items) {
        if (optional(i) && reachable(i, p) && got.has(key(i))) stored.push(`${p.url}: ${key(i)} (${i.via})`);
        if (i.category === "necessary" && !i.thirdPartyCookie && !got.has(key(i)))
          missing.push(`${p.url}: ${key(i)}`);
      }
    }
    expect(stored).toEqual([]);
    expect(missing).toEqual([]);
    // The planted same-origin-iframe write and the bundled SDKs' writes were among those refused.
    const refused = truth.pages.flatMap((p) => p.items.filter((i) => optional(i) && reachable(i, p)));
    expect(refused.some((i) => i.via.includes("iframe"))).toBe(true);
    expect(refused.some((i) => i.via.startsWith("sdk:"))).toBe(true);

    const flow = truth.flows[0]!;
    await visit(page, flow.start);
    for (const [name, value] of Object.entries(flow.fields)) await page.fill(`[name=${name}]`, value);
    await page.click(flow.submit);
    await page.waitForURL(flow.lands);
    await waitUntilStored(page);
    expect(await page.$(flow.signedInMarker)).not.toBeNull();
  });

  it("accept all stores everything declared; reject after accept purges the optional items", async () => {
    const page = await start();
    const missing: string[] = [];
    await tour(page, "acceptAll", (p, got) => {
      for (const i of p.items)
        if (i.category !== null && !got.has(key(i))) missing.push(`${p.url}: ${key(i)}`);
    });
    expect(missing).toEqual([]);

    // Rejecting purges at once on the page where it happens (a database the page still holds open is
    // deleted once its connection closes, at the latest on the next load)…
    const home = truth.pages[0]!;
    await decide(page, home.url, "rejectAll");
    const now = new Set((await collectStorage(page)).map(key));
    const gone = home.items.filter((i) => optional(i) && reachable(i, home) && i.kind !== "indexedDB");
    expect(gone.filter((i) => now.has(key(i))).map(key)).toEqual([]);
    // …and on every other page of the site when it next loads.
    const stored: string[] = [];
    await tour(page, "rejectAll", (p, got) => {
      for (const i of p.items)
        if (optional(i) && reachable(i, p) && got.has(key(i))) stored.push(`${p.url}: ${key(i)}`);
    });
    expect(stored).toEqual([]);
  });

  it("with Global Privacy Control, accept all leaves analytics and marketing denied", async () => {
    const page = await start(true);
    const change = await decide(page, truth.pages[0]!.url, "acceptAll");
    expect(change.consent).toMatchObject({
      gpc: true,
      categories: { functional: true, analytics: false, marketing: false },
    });
    const stored: string[] = [];
    const missing: string[] = [];
    await tour(page, "acceptAll", (p, got) => {
      for (const i of p.items) {
        const denied = i.category === "analytics" || i.category === "marketing";
        if (denied && reachable(i, p) && got.has(key(i))) stored.push(`${p.url}: ${key(i)}`);
        if (i.category === "functional" && !got.has(key(i))) missing.push(`${p.url}: ${key(i)}`);
      }
    });
    expect(stored).toEqual([]);
    expect(missing).toEqual([]);
  });
});
