/**
 * Issue 9, "transparent when allowed": with every category accepted, what page code can observe of web
 * storage, errors, events, identity and cookieStore results is the same as in native Chromium (the same page
 * without the SDK), in the same run.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { clearStorage } from "../support/collect.ts";
import { visit } from "../support/property-set.ts";
import { ORIGINS, prepare } from "./sdk-realms-support.ts";

let browser: LaunchedBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ sdk: true });
});
afterAll(() => browser?.close());

/** Observations made by page code; a string so both runs execute exactly the same code. */
const PROBE = `(async () => {
  const out = {};
  const err = (f) => { try { f(); return "no error"; } catch (e) { return e.name + ": " + e.constructor.name; } };
  const ls = localStorage;
  ls.clear();
  ls.setItem("adv_b", "2");
  ls.adv_a = { toString: () => "obj" };
  ls["adv_c"] = 3;
  Object.defineProperty(ls, "adv_d", { value: null });
  ls.setItem(7, undefined);
  out.keys = Object.keys(ls);
  out.forIn = []; for (const k in ls) out.forIn.push(k);
  out.in = ["adv_a" in ls, "setItem" in ls, "nope" in ls];
  out.length = ls.length;
  out.byIndex = Array.from({ length: ls.length + 1 }, (_, i) => ls.key(i));
  out.values = out.keys.map((k) => [ls.getItem(k), ls[k], typeof ls[k]]);
  out.protoLength = Object.getOwnPropertyDescriptor(Storage.prototype, "length").get.call(ls);
  out.protoGet = Storage.prototype.getItem.call(ls, "adv_a");
  out.deleted = [delete ls.adv_c, "adv_c" in ls, delete ls.nope];
  out.errors = [err(() => ls.setItem()), err(() => ls.setItem("adv_x")), err(() => ls.getItem()),
    err(() => ls.setItem("adv_big", "x".repeat(11 * 1024 * 1024))), err(() => Storage.prototype.setItem.call({}, "a", "b"))];
  out.identity = [ls === window.localStorage, ls === localStorage, sessionStorage === window.sessionStorage, ls !== sessionStorage];
  out.types = [typeof Storage.prototype.setItem, typeof ls.setItem, typeof document.cookie, String(ls), Object.prototype.toString.call(ls)];
  const fns = [Storage.prototype.setItem, Storage.prototype.getItem, Storage.prototype.clear, IDBFactory.prototype.open,
    CacheStorage.prototype.open, CookieStore.prototype.set, window.open, Node.prototype.appendChild,
    Object.getOwnPropertyDescriptor(Document.prototype, "cookie").set, Object.getOwnPropertyDescriptor(window, "localStorage").get,
    Object.getOwnPropertyDescriptor(Storage.prototype, "length").get, Worker, SharedWorker];
  out.functions = fns.map((f) => [typeof f, f.name, f.length, Function.prototype.toString.call(f), String(f), "prototype" in f]);
  out.json = JSON.stringify(ls);
  out.spread = { ...ls };
  out.storageEvents = await new Promise((done) => {
    const f = document.createElement("iframe");
    f.src = "/adversarial/after" + location.search;
    f.onload = () => {
      const seen = [];
      f.contentWindow.addEventListener("storage", (e) => {
        // Events of the writes above may still arrive (delivery is asynchronous): only this step's count.
        if (e.key?.startsWith("adv_ev")) seen.push([e.key, e.oldValue, e.newValue, e.storageArea === f.contentWindow.localStorage]);
        if (e.key === "adv_ev2") done(seen);
      });
      ls.setItem("adv_ev1", "1");
      ls.adv_ev2 = "2";
    };
    document.body.append(f);
  });
  document.cookie = "adv_ck=1; Path=/";
  out.cookie = document.cookie.split("; ").filter((c) => c.startsWith("adv_")).sort();
  out.cookieStore = [
    await cookieStore.set("adv_cs", "v"),
    (await cookieStore.get("adv_cs"))?.value,
    await cookieStore.set({ name: "adv_cs2", value: "w", path: "/" }),
    (await cookieStore.getAll()).map((c) => c.name).filter((n) => n.startsWith("adv_")).sort(),
    await cookieStore.set().catch((e) => e.name),
    await cookieStore.delete("adv_cs"),
  ];
  const req = indexedDB.open("adv_db");
  out.idb = [Object.prototype.toString.call(req), await new Promise((r) => { req.onsuccess = () => { r(req.result.name); req.result.close(); }; req.onerror = () => r("error"); })];
  out.caches = [await caches.open("adv_cache").then((c) => Object.prototype.toString.call(c)), await caches.has("adv_cache")];
  out.workers = [typeof Worker, typeof SharedWorker, await new Promise((r) => {
    const w = new Worker(URL.createObjectURL(new Blob(["onmessage = (e) => postMessage(e.data + 1)"])));
    w.onmessage = (e) => { r(e.data); w.terminate(); };
    w.postMessage(1);
  })];
  ls.clear();
  return out;
})()`;

async function observe(page: Page, sdk: boolean) {
  await visit(page, `https://www.dingtalk.com/adversarial/after?sdk=${sdk ? 1 : 0}`);
  return page.evaluate(PROBE);
}

describe("SDK transparency when writes are allowed", () => {
  it("page code observes the same storage behaviour as in native Chromium", async () => {
    const page = await browser.newPage();
    await clearStorage(browser.context, ORIGINS);
    const native = await observe(page, false);
    await clearStorage(browser.context, ORIGINS);
    await prepare(page, "acceptAll");
    const withSdk = await observe(page, true);
    // The probe observed what it meant to (a broken probe would make both sides equal and empty).
    expect((native as { keys: string[] }).keys).toEqual(expect.arrayContaining(["adv_a", "adv_b", "7"]));
    expect(withSdk).toEqual(native);
    await page.close();
  });
});
