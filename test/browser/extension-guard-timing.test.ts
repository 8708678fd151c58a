import { describe, expect, it } from "vitest";
import { GUARD_TIMING_NAME } from "../../extension/content/guard-config.ts";
import type { ObservedItem } from "../../shared/model.ts";
import { clearStorage, collectStorage } from "../support/collect.ts";
import { itemKey, loadGroundTruth, truthOrigins } from "../support/ground-truth.ts";
import { visit } from "../support/property-set.ts";
import { type ChromeGlobal, inContentScript, useExtensionBrowser } from "./extension-support.ts";

const truth = loadGroundTruth();
const origins = truthOrigins(truth);
const HOME = "https://www.dingtalk.com/";
const home = truth.pages.find((p) => p.url === HOME)!;
const categoryOf = new Map(truth.pages.flatMap((p) => p.items).map((i) => [itemKey(i), i.category]));
const keyOf = (i: ObservedItem) => itemKey({ ...i, partitionKey: i.partitionKey ?? null });
const blockedKey = home.items.find((i) => i.kind === "localStorage" && i.category === "analytics")!.name;

/** What a page script can learn about server timing, through every way Chromium exposes it. */
async function whatThePageSees(name: string) {
  const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
  const names = (list: readonly { name: string }[]) => list.map((t) => t.name);
  const observed = await new Promise<string[][]>((resolve) => {
    new PerformanceObserver((list, observer) => {
      observer.disconnect();
      resolve(list.getEntries().map((e) => names((e as PerformanceResourceTiming).serverTiming)));
    }).observe({ type: "navigation", buffered: true });
  });
  // A same-site frame: its document gets the header too, and its resource entry lands in this page.
  const frame = document.createElement("iframe");
  const loaded = new Promise((r) => frame.addEventListener("load", r, { once: true }));
  frame.src = `/?frame=${Date.now()}`;
  document.body.append(frame);
  await loaded;
  const frameEntries = performance
    .getEntriesByType("resource")
    .filter(
      (e) => (e as PerformanceResourceTiming).initiatorType === "iframe",
    ) as PerformanceResourceTiming[];
  const getter = Object.getOwnPropertyDescriptor(PerformanceResourceTiming.prototype, "serverTiming")!.get!;
  const toJSONs = [PerformanceResourceTiming.prototype.toJSON, PerformanceNavigationTiming.prototype.toJSON];
  const show = (f: { name: string; length: number }) => [
    typeof f,
    f.name,
    f.length,
    Function.prototype.toString.call(f),
    "prototype" in f,
  ];
  localStorage.setItem(name, "1");
  localStorage.setItem("cl-timing-probe", "1");
  return {
    serverTiming: names(entry.serverTiming),
    viaGetEntries: performance
      .getEntries()
      .flatMap((e) => (e instanceof PerformanceResourceTiming ? names(e.serverTiming) : [])),
    toJSON: names((entry.toJSON() as { serverTiming: { name: string }[] }).serverTiming),
    stringified: JSON.stringify(entry),
    observed,
    frames: frameEntries.length,
    frameTiming: frameEntries.flatMap((e) => names(e.serverTiming)),
    frameJSON: JSON.stringify(frameEntries),
    frozen: Object.isFrozen(entry.serverTiming),
    getter: show(getter),
    toJSONs: toJSONs.map(show),
    toStringItself: Function.prototype.toString.call(Function.prototype.toString),
    blockedWrite: localStorage.getItem(name),
    otherWrite: localStorage.getItem("cl-timing-probe"),
  };
}

describe("extension: the guard's Server-Timing config is invisible to the page", () => {
  const session = useExtensionBrowser();

  it("hides the guard entry from serverTiming, toJSON and PerformanceObserver, looks native, still blocks", async () => {
    const page = await session.browser.newPage();
    try {
      // Blocking covers what the extension has seen on the site (its last inventory) and the registries.
      await clearStorage(session.browser.context, origins);
      await visit(page, HOME);
      await session.drive.inventory(page);
      const on = await session.drive.send({
        type: "setBlock",
        site: "dingtalk.com",
        category: "analytics",
        blocked: true,
      });
      expect(on.ok).toBe(true);
      const registered = async () =>
        (
          await session.drive.page.evaluate(() =>
            (globalThis as unknown as ChromeGlobal).chrome.scripting.getRegisteredContentScripts(),
          )
        ).map((s) => s.id);
      while (!(await registered()).includes("cookie-ledger-guard")) await page.waitForTimeout(50);
      await clearStorage(session.browser.context, origins);
      await visit(page, HOME);
      // The header did arrive: the extension's own (isolated) world, with unpatched natives, still sees it.
      const seenByExtension = await inContentScript(
        session.browser,
        page,
        `performance.getEntriesByType("navigation")[0].serverTiming.map((t) => t.name)`,
      );
      expect(seenByExtension).toContain(GUARD_TIMING_NAME);

      const seen = await page.evaluate(whatThePageSees, blockedKey);
      expect(seen.serverTiming).not.toContain(GUARD_TIMING_NAME);
      expect(seen.viaGetEntries).not.toContain(GUARD_TIMING_NAME);
      expect(seen.toJSON).not.toContain(GUARD_TIMING_NAME);
      expect(seen.stringified).not.toContain(GUARD_TIMING_NAME);
      expect(seen.observed).toEqual([seen.serverTiming]);
      expect(seen.frames).toBeGreaterThan(0);
      expect(seen.frameTiming).not.toContain(GUARD_TIMING_NAME);
      expect(seen.frameJSON).not.toContain(GUARD_TIMING_NAME);
      expect(seen.frozen).toBe(true);
      expect(seen.getter).toEqual([
        "function",
        "get serverTiming",
        0,
        "function get serverTiming() { [native code] }",
        false,
      ]);
      expect(seen.toJSONs).toEqual([
        ["function", "toJSON", 0, "function toJSON() { [native code] }", false],
        ["function", "toJSON", 0, "function toJSON() { [native code] }", false],
      ]);
      expect(seen.toStringItself).toBe("function toString() { [native code] }");

      // The guard still blocks what it blocked before.
      expect(seen.blockedWrite).toBeNull();
      expect(seen.otherWrite).toBe("1");
      const analytics = (await collectStorage(page, { origins }))
        .map(keyOf)
        .filter((k) => categoryOf.get(k) === "analytics");
      expect(analytics).toEqual([]);
    } finally {
      await page.close();
      await session.drive.send({
        type: "setBlock",
        site: "dingtalk.com",
        category: "analytics",
        blocked: false,
      });
    }
  });
});
