/**
 * The SDK on the local property set, an integrated site in SDK mode (ground truth in
 * test/fixtures/property-set/ground-truth.json, `sdkMode`): each page stores exactly what the rule says with no
 * decision, after reject all, after accept all and under Global Privacy Control; reject after accept purges;
 * the login works.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import type { ObservedItem } from "../../shared/model.ts";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { collectStorage } from "../support/collect.ts";
import {
  isSdkItem,
  itemKey,
  loadGroundTruth,
  type SdkScenarioName,
  sdkModeItems,
  truthOrigins,
} from "../support/ground-truth.ts";
import { visit, waitUntilStored } from "../support/property-set.ts";
import {
  key,
  reachable,
  serveExtras,
  type TruthItem,
  type TruthPage,
  truth,
  visitAndCollect,
  visitInScenario,
} from "./sdk-helpers.ts";

const groundTruth = loadGroundTruth();
const origins = truthOrigins(groundTruth);

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

/**
 * Visits every page alone under a scenario and returns, per page, what differs from the ground truth's
 * `sdkMode` rule: items stored beyond it, items of it missing, and whether the SDK's own items are present.
 */
async function differences(page: Page, name: SdkScenarioName) {
  const scenario = groundTruth.sdkMode.scenarios[name];
  const unexpected: string[] = [];
  const missing: string[] = [];
  const own: string[] = [];
  for (const p of groundTruth.pages) {
    const observed = await visitInScenario(page, p.url, scenario, origins);
    const got = new Set(observed.filter((i) => !isSdkItem(groundTruth, i)).map(itemKey));
    const want = new Set(sdkModeItems(groundTruth, p.url, name).map(itemKey));
    unexpected.push(...[...got].filter((k) => !want.has(k)).map((k) => `${p.url}: ${k}`));
    missing.push(...[...want].filter((k) => !got.has(k)).map((k) => `${p.url}: ${k}`));
    const mine = new Set(observed.filter((i: ObservedItem) => isSdkItem(groundTruth, i)).map((i) => i.name));
    own.push(`${p.url}: ${[...mine].sort().join(" ")}`);
  }
  const sdkItems = groundTruth.sdkMode.sdkItems.map((i) => i.name).sort();
  const ownWanted = groundTruth.pages.map((p) => `${p.url}: ${scenario.decision ? sdkItems.join(" ") : ""}`);
  return { unexpected, missing, own, ownWanted };
}

describe("SDK on the property set", () => {
  it("with no decision stores exactly each page's necessary (and undeclared) items, and the login works", async () => {
    const page = await start();
    const d = await differences(page, "no-decision");
    expect(d.unexpected, "stored although no decision grants them").toEqual([]);
    expect(d.missing, "necessary or undeclared items missing").toEqual([]);
    expect(d.own, "the SDK writes nothing of its own before a decision").toEqual(d.ownWanted);
    // Among the items kept out: every analytics and marketing item, the planted same-origin-iframe write, the
    // bundled SDKs' writes, and what only the server filter or gating prevents (HttpOnly, other path, third party).
    const refused = groundTruth.pages.flatMap((p) =>
      p.items.filter((i) => !sdkModeItems(groundTruth, p.url, "no-decision").includes(i)),
    );
    const names = refused.map((i) => i.name);
    expect(refused.some((i) => i.via.includes("iframe") && i.setBy === "js")).toBe(true);
    expect(refused.some((i) => i.via.startsWith("sdk:"))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(["ad_uid", "ad_chips", "tfstk", "cna", "_uab_collina"]));

    const flow = groundTruth.flows[0]!;
    await visit(page, flow.start);
    for (const [name, value] of Object.entries(flow.fields)) await page.fill(`[name=${name}]`, value);
    await page.click(flow.submit);
    await page.waitForURL(flow.lands);
    await waitUntilStored(page);
    expect(await page.$(flow.signedInMarker)).not.toBeNull();
    const session = flow.items.map(itemKey);
    expect((await collectStorage(page)).map(itemKey)).toEqual(expect.arrayContaining(session));
  });

  it("after reject all stores exactly each page's necessary (and undeclared) items", async () => {
    const page = await start();
    const d = await differences(page, "reject-all");
    expect(d.unexpected, "stored although rejected").toEqual([]);
    expect(d.missing, "necessary or undeclared items missing").toEqual([]);
    expect(d.own).toEqual(d.ownWanted);
  });

  it("after accept all stores every item of the ground truth, the server's consent-bound ones included", async () => {
    const page = await start();
    const d = await differences(page, "accept-all");
    expect(d.unexpected, "stored beyond the ground truth").toEqual([]);
    expect(d.missing, "declared items missing").toEqual([]);
    expect(d.own).toEqual(d.ownWanted);
  });

  it("reject after accept purges the optional items within the pages' reach", async () => {
    const page = await start();
    const present: string[] = [];
    await tour(page, "acceptAll", (p, got) => {
      for (const i of p.items) if (optional(i) && reachable(i, p) && got.has(key(i))) present.push(key(i));
    });
    // The accept-all tour stored them, so the purge below has something to remove.
    expect(present.length).toBeGreaterThan(10);

    // Rejecting purges at once on the page where it happens (a database the page still holds open is
    // deleted once its connection closes, at the latest on the next load)…
    const home = truth.pages[0]!;
    await decide(page, home.url, "rejectAll");
    const now = new Set((await collectStorage(page)).map(key));
    const gone = home.items.filter((i) => optional(i) && reachable(i, home) && i.kind !== "indexedDB");
    expect(gone.filter((i) => now.has(key(i))).map(key)).toEqual([]);
    // …and on every other page of the site when it next loads. HttpOnly, third-party and other-path cookies
    // stored while accepted are out of the SDK's reach (docs/sdk.md, "Limits").
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

  it("with Global Privacy Control, accept all stores exactly the necessary, functional and undeclared items", async () => {
    const page = await start(true);
    const change = await decide(page, truth.pages[0]!.url, "acceptAll");
    expect(change.consent).toMatchObject({
      gpc: true,
      categories: { functional: true, analytics: false, marketing: false },
    });
    const d = await differences(page, "accept-all-gpc");
    expect(d.unexpected, "analytics or marketing stored under GPC").toEqual([]);
    expect(d.missing, "necessary, functional or undeclared items missing").toEqual([]);
  });
});
