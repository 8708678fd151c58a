/**
 * The SDK on the local property set (ground truth in test/fixtures/property-set/ground-truth.json):
 * no decision, accept all, reject after accept, Global Privacy Control, the login flow.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
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

  it("in dev mode warns about the planted undeclared write with its stack and an entry to paste", async () => {
    const page = await start();
    const home = truth.pages[0]!;
    const planted = home.problems!.find((p) => p.type === "undeclared")!.item;
    // The home page with the SDK tag in dev mode (the property set's own tag has no data-dev).
    const html = readFileSync(
      join(import.meta.dirname, "../fixtures/property-set/sites/www.dingtalk.com/index.html"),
      "utf8",
    );
    const body = html.replace(
      "<!--cookie-ledger-sdk-->",
      '<script src="/cookie-ledger.js" data-dev data-registry="/.well-known/cookie-ledger.json"></script>',
    );
    await page.route(`${home.url}?dev`, (route) => route.fulfill({ contentType: "text/html", body }));
    const warnings: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "warning" && m.text().startsWith("Cookie Ledger")) warnings.push(m.text());
    });
    await visit(page, `${home.url}?dev`);
    await page.evaluate("window.cookieLedger.inventory()"); // the lazy part (and its warnings) has loaded
    const mine = warnings.filter((w) => w.includes(`"${planted.name}"`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain(`"kind": "${planted.kind}"`);
    expect(mine[0]).toMatch(/\/assets\/www\.js:\d+/);
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
