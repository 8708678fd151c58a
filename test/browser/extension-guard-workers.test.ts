/**
 * The guard in workers the page starts (dedicated and shared, classic and module, same-origin file and blob:,
 * nested), and wildcard rules against a page that replaced the String methods a matcher could call.
 * Every worker runs the fixture /adversarial/worker.js: told `{ name, store }`, it opens that IndexedDB
 * database or cache and answers "done" (also when refused). What is stored is read through CDP.
 * /adversarial/worker-relative.js checks that relative URLs in a wrapped worker resolve against its file.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clearStorage, collectStorage } from "../support/collect.ts";
import { loadGroundTruth, truthOrigins } from "../support/ground-truth.ts";
import { visit } from "../support/property-set.ts";
import { type ChromeGlobal, type ExtensionSession, useExtensionBrowser } from "./extension-support.ts";

const origins = truthOrigins(loadGroundTruth());
const HOME = "https://www.dingtalk.com/";
/** Blocked: an analytics IndexedDB database (exact rule); `adv_*` (marketing, a wildcard rule) for the rest. */
const ANALYTICS_DB = "mixpanelBrowserDb";
const VARIANTS = ["classic", "module", "blob", "blob_module", "shared", "shared_blob", "nested"] as const;
type Variant = (typeof VARIANTS)[number];

/** Starts one worker per variant; each opens its blocked and allowed database and cache. */
async function writeFromWorkers([variants, analyticsDb]: [readonly Variant[], string]) {
  const FILE = "/adversarial/worker.js";
  const source = await (await fetch(FILE)).text();
  const blob = () => URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const talk = (port: Worker | MessagePort, target: Worker | SharedWorker, msg: object) =>
    new Promise<string>((done) => {
      port.onmessage = (e) => done(String(e.data));
      (target as Worker).onerror = (e) => done(`error ${(e as ErrorEvent).message ?? ""}`);
      port.postMessage(msg);
    });
  const ask = async (variant: Variant, msg: { name: string; store: string; nested?: string }) => {
    if (variant === "shared" || variant === "shared_blob") {
      const w = new SharedWorker(variant === "shared" ? FILE : blob(), { name: JSON.stringify(msg) });
      w.port.start();
      const r = await talk(w.port, w, msg);
      w.port.close();
      return r;
    }
    const module = variant === "module" || variant === "blob_module";
    const url = variant === "blob" || variant === "blob_module" ? blob() : FILE;
    const w = new Worker(url, { type: module ? "module" : "classic" });
    const r = await talk(
      w,
      w,
      variant === "nested" ? { ...msg, nested: new URL(FILE, location.href).href } : msg,
    );
    w.terminate();
    return r;
  };
  const answers: Record<string, string> = {};
  for (const v of variants)
    for (const [name, store] of [
      [`adv_w_${v}_idb`, "idb"],
      [`adv_w_${v}_cache`, "cache"],
      [`cl_w_${v}_idb`, "idb"],
      [`cl_w_${v}_cache`, "cache"],
      [analyticsDb, "idb"],
    ] as const)
      answers[`${v} ${name}`] = await ask(v, { name, store });
  const print = Function.prototype.toString;
  const shape = (C: typeof Worker | typeof SharedWorker) => [
    Reflect.apply(print, C, []),
    C.name,
    C.length,
    Object.getOwnPropertyNames(C).sort().join(),
    JSON.stringify(Object.getOwnPropertyDescriptor(C, "prototype")!.writable),
    C.prototype.constructor === C,
  ];
  // Inside a worker, the guard's hooks print as natives too.
  const probe = new Worker(
    URL.createObjectURL(
      new Blob(
        [
          `const p = (f) => Function.prototype.toString.call(f);
           postMessage([p(IDBFactory.prototype.open), p(CacheStorage.prototype.open), p(Worker), p(importScripts)]);`,
        ],
        { type: "text/javascript" },
      ),
    ),
  );
  const inWorker = await new Promise((done) => (probe.onmessage = (e) => done(e.data)));
  probe.terminate();
  return {
    answers,
    shapes: [shape(Worker), shape(SharedWorker)],
    isWorker: new Worker(FILE) instanceof Worker,
    inWorker,
  };
}

/** Replaces the String methods a glob matcher could call, then writes names blocked by wildcard rules. */
async function writeWithReplacedStrings() {
  const S = String.prototype as unknown as Record<string, unknown>;
  S.startsWith = () => false;
  S.endsWith = () => false;
  S.indexOf = () => -1;
  S.charCodeAt = () => 0;
  localStorage.setItem("ph_probe_posthog", "1"); // ph_*_posthog (analytics)
  localStorage.setItem("adv_glob_key", "1"); // adv_* (marketing)
  sessionStorage.setItem("mp_x_mixpanel_y", "1"); // mp_*_mixpanel_* (analytics): a middle segment
  localStorage.setItem("cl_glob_key", "1");
  await new Promise((done) => {
    const r = indexedDB.open("adv_glob_db");
    r.onsuccess = () => done(r.result.close());
    r.onerror = () => done(undefined);
  });
}

async function block(session: ExtensionSession, page: Page, blocked: boolean) {
  for (const category of ["analytics", "marketing"] as const) {
    const r = await session.drive.send({ type: "setBlock", site: "dingtalk.com", category, blocked });
    expect(r.ok).toBe(true);
  }
  if (!blocked) return;
  const registered = async () =>
    (
      await session.drive.page.evaluate(() =>
        (globalThis as unknown as ChromeGlobal).chrome.scripting.getRegisteredContentScripts(),
      )
    ).map((s) => s.id);
  while (!(await registered()).includes("cookie-ledger-guard")) await page.waitForTimeout(50);
}

async function stored(page: Page) {
  return (await collectStorage(page, { origins })).map((i) => `${i.kind} ${i.name}`);
}

/** Starts /adversarial/worker-relative.js as a classic and a module worker; each answers what relative URLs gave. */
async function relativeFromWorkers(db: string) {
  const answers: Record<string, unknown> = {};
  for (const type of ["classic", "module"] as const) {
    const w = new Worker("/adversarial/worker-relative.js", { type });
    answers[type] = await new Promise((done) => {
      w.onmessage = (e) => done(e.data);
      w.onerror = (e) => done(`error ${e.message}`);
      w.postMessage({ db });
    });
    w.terminate();
  }
  return answers;
}

describe("extension: the guard covers workers the page starts and wildcard rules against replaced String methods", () => {
  const session = useExtensionBrowser();

  it("refuses blocked IndexedDB and Cache Storage names in classic, module, blob:, shared and nested workers", async () => {
    const page = await session.browser.newPage();
    try {
      await clearStorage(session.browser.context, origins);
      await visit(page, HOME);
      await session.drive.inventory(page);
      await block(session, page, true);
      await visit(page, HOME);
      await clearStorage(session.browser.context, origins);
      const seen = await page.evaluate(writeFromWorkers, [VARIANTS, ANALYTICS_DB] as [
        readonly Variant[],
        string,
      ]);
      for (const [key, answer] of Object.entries(seen.answers)) expect.soft(answer, key).toBe("done");
      const items = await stored(page);
      const workerItems = items.filter((i) => / (adv_w_|cl_w_|mixpanel)/.test(i));
      const expected = VARIANTS.flatMap((v) => [`indexedDB cl_w_${v}_idb`, `cacheStorage cl_w_${v}_cache`]);
      expect(workerItems.sort()).toEqual(expected.sort());
      // The wrapped constructors look like the natives.
      expect(seen.shapes).toEqual([
        ["function Worker() { [native code] }", "Worker", 1, "length,name,prototype", "false", true],
        [
          "function SharedWorker() { [native code] }",
          "SharedWorker",
          1,
          "length,name,prototype",
          "false",
          true,
        ],
      ]);
      expect(seen.isWorker).toBe(true);
      expect(seen.inWorker).toEqual(
        ["open", "open", "Worker", "importScripts"].map((n) => `function ${n}() { [native code] }`),
      );

      await visit(page, HOME);
      await clearStorage(session.browser.context, origins);
      await page.evaluate(writeWithReplacedStrings);
      const probes = (await stored(page)).filter((i) => /(probe|glob|mp_x)/.test(i));
      expect(probes).toEqual(["localStorage cl_glob_key"]);
    } finally {
      await page.close();
      await block(session, page, false);
    }
  });

  it("resolves relative URLs in a wrapped worker against its original script, and still refuses blocked names", async () => {
    const page = await session.browser.newPage();
    try {
      await clearStorage(session.browser.context, origins);
      await visit(page, HOME);
      await block(session, page, true);
      await visit(page, HOME);
      await clearStorage(session.browser.context, origins);
      const seen = await page.evaluate(relativeFromWorkers, ANALYTICS_DB);
      const file = "https://www.dingtalk.com/adversarial/worker-relative.js";
      const ok = '200 { "ok": true }';
      const expected = {
        fetch: ok,
        request: ok,
        xhr: ok,
        data: "hi",
        location: `${file} https://www.dingtalk.com /adversarial/worker-relative.js ${file}`,
        url: "https://www.dingtalk.com/api/visit.json",
        isLocation: true,
        sockets: ["https://www.dingtalk.com/api/visit.json", "wss://www.dingtalk.com/ws"],
        shapes: [
          ["fetch", 1],
          ["Request", 1],
          ["EventSource", 1],
          ["WebSocket", 1],
          ["open", 2],
        ].map(([n, l]) => `function ${n}() { [native code] } ${n} ${l}`),
        statics: "length,name,prototype,CONNECTING,OPEN,CLOSING,CLOSED true",
        getter: "function get href() { [native code] }",
      };
      expect(seen).toEqual({ classic: expected, module: expected });
      expect((await stored(page)).filter((i) => i.includes(ANALYTICS_DB))).toEqual([]);
    } finally {
      await page.close();
      await block(session, page, false);
    }
  });
});
