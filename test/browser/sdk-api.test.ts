/**
 * The SDK's behaviour on a purpose-built page of the property set's www host: every write path, hold and
 * replay, script gating, policies, events, inventory, the consent log, tampering, and the page bridge.
 * Storage is read through CDP (collectStorage), never through the page's wrapped APIs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { collectStorage } from "../support/collect.ts";
import { serveExtras } from "./sdk-helpers.ts";

const ORIGIN = "https://www.dingtalk.com";
const registry = {
  format: "cookie-ledger/1",
  revision: "test-1",
  site: { name: "Test", policy: { url: "https://www.dingtalk.com/privacy", updated: "2026-11-25" } },
  properties: ["dingtalk.com"],
  purposes: {},
  entries: [
    { kind: "cookie", name: "cookie_ledger_consent", category: "necessary" },
    { kind: "cookie", name: "sess", category: "necessary" },
    { kind: "cookie", name: "an_*", category: "analytics" },
    { kind: "cookie", name: "pref", category: "functional" },
    { kind: "cookie", name: "pref_http", category: "functional" },
    { kind: "localStorage", name: "an_*", category: "analytics" },
    { kind: "localStorage", name: "keep", category: "necessary" },
    { kind: "sessionStorage", name: "an_s", category: "analytics" },
    { kind: "indexedDB", name: "an_db", category: "analytics" },
    { kind: "indexedDB", name: "cookie-ledger", category: "necessary" },
    { kind: "cacheStorage", name: "an_cache", category: "analytics" },
  ],
};

type Attrs = string;
const html = (body: string, attrs: Attrs = "") => `<!doctype html><html><head>
<script type="application/json" id="cookie-ledger-registry">${JSON.stringify(registry)}</script>
<script src="/cookie-ledger.js" ${attrs}></script></head><body>${body}</body></html>`;

let browser: LaunchedBrowser;
let pages: Record<string, string> = {};
beforeAll(async () => {
  browser = await launchBrowser({ sdk: false });
  await serveExtras(browser.context);
  await browser.context.route(`${ORIGIN}/t/**`, (route) => {
    const body = pages[new URL(route.request().url()).pathname];
    const type = route.request().url().endsWith(".js") ? "text/javascript" : "text/html";
    return body === undefined ? route.fallback() : route.fulfill({ contentType: type, body });
  });
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a fresh page on a clean profile state with the given body (`raw`: the whole document, no SDK). */
async function open(body: string, attrs: Attrs = "", raw?: string): Promise<Page> {
  await browser.context.clearCookies();
  const path = `/t/${Math.random().toString(36).slice(2)}`;
  pages = { ...pages, [path]: raw ?? html(body, attrs) };
  const page = await browser.newPage();
  await page.goto(`${ORIGIN}${path}`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  return page;
}

const stored = async (page: Page) =>
  (await collectStorage(page))
    // The SDK's own consent log (necessary) persists across the tests of this profile.
    .filter((i) => (i.kind !== "cookie" || i.domain?.endsWith("dingtalk.com")) && i.name !== "cookie-ledger")
    .map((i) => `${i.kind}:${i.name}`);
const L = "(window.cookieLedger)";

describe("SDK write interception (Chromium)", () => {
  it("intercepts setItem, named-property assignment and deletion, keeping length and key() native", async () => {
    const page = await open("");
    const r = await page.evaluate(() => {
      localStorage.setItem("keep", "1");
      localStorage.setItem("an_a", "1");
      (localStorage as unknown as Record<string, string>).an_b = "2";
      localStorage["an_c" as never] = "3" as never;
      Object.defineProperty(localStorage, "an_d", { value: "4" });
      sessionStorage.setItem("an_s", "x");
      (localStorage as unknown as Record<string, string>).undeclared_k = "u";
      const view = {
        length: localStorage.length,
        key0: localStorage.key(0),
        same: localStorage === window.localStorage,
      };
      delete (localStorage as unknown as Record<string, string>).undeclared_k;
      return {
        ...view,
        after: localStorage.length,
        has: "keep" in localStorage,
        keys: Object.keys(localStorage),
      };
    });
    expect(r).toEqual({
      length: 2,
      key0: expect.any(String),
      same: true,
      after: 1,
      has: true,
      keys: ["keep"],
    });
    expect((await stored(page)).sort()).toEqual(["localStorage:keep"]);
    const writes = await page.evaluate(`${L}.writes().map(w => [w.kind, w.name, w.op, w.allowed])`);
    expect(writes).toEqual(
      expect.arrayContaining([
        ["localStorage", "an_b", "set", false],
        ["localStorage", "an_d", "set", false],
        ["localStorage", "undeclared_k", "delete", true],
      ]),
    );
    await page.close();
  });

  it("holds blocked cookies and web storage and replays them in order when consent arrives", async () => {
    const page = await open("");
    await page.evaluate(() => {
      document.cookie = "an_x=1; path=/";
      document.cookie = "an_x=2; path=/";
      document.cookie = "an_gone=1; path=/";
      document.cookie = "an_gone=; max-age=0; path=/";
      localStorage.setItem("an_k", "first");
      localStorage.setItem("an_k", "second");
      document.cookie = "sess=ok; path=/";
    });
    expect(await page.evaluate(() => document.cookie)).toBe("sess=ok");
    await page.evaluate(`${L}.consent.set({ analytics: true })`);
    expect(await page.evaluate(() => [document.cookie, localStorage.getItem("an_k")])).toEqual([
      expect.stringMatching(/^(?=.*\ban_x=2\b)(?!.*an_gone).*$/),
      "second",
    ]);
    await page.close();
  });

  it("covers same-origin iframes created later, including about:blank ones", async () => {
    const page = await open("");
    const r = await page.evaluate(() => {
      const f = document.createElement("iframe");
      document.body.appendChild(f);
      const w = f.contentWindow as Window & typeof globalThis;
      w.localStorage.setItem("an_frame", "1");
      (w.localStorage as unknown as Record<string, string>).an_named = "1";
      w.document.cookie = "an_fc=1; path=/";
      const g = document.createElement("div");
      g.innerHTML = "<iframe></iframe>";
      document.body.append(g);
      (window.frames[1] as Window).localStorage.setItem("an_inner", "1");
      (window.frames[1] as Window).localStorage.setItem("keep", "1");
      return document.cookie;
    });
    expect(r).toBe("");
    expect((await stored(page)).sort()).toEqual(["localStorage:keep"]);
    await page.close();
  });

  it("refuses IndexedDB and Cache Storage writes without consent, as a browser with storage off does", async () => {
    const page = await open("");
    const r = await page.evaluate(async () => {
      const idb = await new Promise((resolve) => {
        const req = indexedDB.open("an_db");
        req.onsuccess = () => resolve("opened");
        req.onerror = () => resolve(`error ${req.error?.name}`);
      });
      const cache = await caches.open("an_cache").then(
        () => "opened",
        (e) => `rejected ${e.name}`,
      );
      const ok = await new Promise((resolve) => {
        const req = indexedDB.open("cookie-ledger-test-necessary-undeclared");
        req.onsuccess = () => {
          req.result.close();
          resolve("opened");
        };
      });
      return { idb, cache, ok };
    });
    expect(r).toEqual({ idb: "error UnknownError", cache: "rejected SecurityError", ok: "opened" });
    const kinds = await stored(page);
    expect(kinds).not.toContain("indexedDB:an_db");
    expect(kinds).not.toContain("cacheStorage:an_cache");
    await page.evaluate(() => indexedDB.deleteDatabase("cookie-ledger-test-necessary-undeclared"));
    await page.close();
  });

  it("works as an ES module: createLedger(options)", async () => {
    pages = {
      ...pages,
      "/t/index.js": readFileSync(join(import.meta.dirname, "../../dist/sdk/index.js"), "utf8"),
    };
    const page = await open("", "", "<!doctype html><html><head></head><body></body></html>");
    // A string, so that the test runner does not rewrite the page's dynamic import.
    const r = await page.evaluate(`(async () => {
      const { createLedger } = await import("/t/index.js");
      const ledger = createLedger({ registry: ${JSON.stringify(registry)}, bridge: false });
      localStorage.setItem("an_esm", "1");
      const blocked = localStorage.getItem("an_esm");
      await ledger.consent.set({ analytics: true });
      const history = (await ledger.consent.history()).length > 0;
      return { blocked, replayed: localStorage.getItem("an_esm"), history, global: "cookieLedger" in window };
    })()`);
    expect(r).toEqual({ blocked: null, replayed: "1", history: true, global: false });
    await page.close();
  });

  it("ignores a second copy of the drop-in script", async () => {
    const page = await open(
      '<script>window.first = window.cookieLedger</script><script src="/cookie-ledger.js"></script>',
    );
    expect(await page.evaluate("window.first === window.cookieLedger")).toBe(true);
    await page.close();
  });

  it("blocks undeclared writes under the block policy", async () => {
    const page = await open("", 'data-policy="block"');
    await page.evaluate(() => {
      localStorage.setItem("mystery", "1");
      document.cookie = "mystery=1; path=/";
    });
    expect(await stored(page)).toEqual([]);
    await page.close();
  });

  it("in dev mode warns once per undeclared key, with the stack and a registry entry", async () => {
    const page = await open("", "data-dev");
    let count = 0;
    const warned = new Promise<string>((resolve) =>
      page.on("console", (m) => {
        if (m.type() === "warning" && m.text().includes("undeclared")) {
          count++;
          resolve(m.text());
        }
      }),
    );
    await page.evaluate(() => {
      function writeMystery() {
        localStorage.setItem("mystery_key", "1");
      }
      writeMystery();
      writeMystery();
    });
    const text = await warned;
    // The lazy part is loaded by now: any second warning would have been printed before this returns.
    await page.evaluate(`${L}.inventory()`);
    expect(count).toBe(1);
    expect(text).toContain('"kind": "localStorage"');
    expect(text).toContain('"name": "mystery_key"');
    expect(text).toContain("writeMystery");
    const stacks = await page.evaluate(
      `${L}.writes().filter(w => w.name === "mystery_key").map(w => !!w.stack)`,
    );
    expect(stacks).toEqual([true, true]);
    await page.close();
  });
});

describe("SDK gating, consent and API (Chromium)", () => {
  it("runs gated scripts in document order once consented, including ones inserted later, and asks for a reload on revocation", async () => {
    pages = { ...pages, "/t/ext.js": "" };
    const page = await open(`
<script type="text/plain" data-category="analytics">window.order = (window.order || []).concat("a1")</script>
<script type="text/plain" data-category="analytics" data-src="data:text/javascript,window.order=(window.order||[]).concat('a2')"></script>
<script type="text/plain" data-category="marketing">window.order = (window.order || []).concat("m")</script>
<script type="text/plain" data-category="necessary">window.order = (window.order || []).concat("n")</script>
<iframe data-category="analytics" data-src="about:blank#loaded"></iframe>`);
    expect(await page.evaluate("window.order")).toEqual(["n"]);
    expect(await page.evaluate(() => document.querySelector("iframe")!.getAttribute("src"))).toBeNull();
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.type = "text/plain";
      s.dataset.category = "analytics";
      s.text = 'window.order = window.order.concat("late")';
      document.body.append(s);
    });
    await page.evaluate(`${L}.consent.set({ analytics: true })`);
    await page.waitForFunction(() => (window as never as { order: string[] }).order.length === 4);
    expect(await page.evaluate("window.order")).toEqual(["n", "a1", "a2", "late"]);
    expect(await page.evaluate(() => document.querySelector("iframe")!.getAttribute("src"))).toBe(
      "about:blank#loaded",
    );
    const change = await page.evaluate(`${L}.consent.set({ analytics: false })`);
    expect(change).toMatchObject({ reload: ["analytics"] });
    await page.close();
  });

  it("keeps the decision in a necessary cookie, logs it, and treats a tampered record as no decision", async () => {
    const page = await open("");
    await page.evaluate(`${L}.consent.acceptAll()`);
    await page.evaluate(`${L}.consent.withdraw()`);
    await page.evaluate(`${L}.consent.set({ functional: true })`);
    const history = (await page.evaluate(`${L}.consent.history()`)) as {
      categories: object;
      withdrawn?: boolean;
    }[];
    expect(history.slice(-3).map((h) => [h.categories, !!h.withdrawn])).toEqual([
      [{ functional: true, analytics: true, marketing: true }, false],
      [{ functional: false, analytics: false, marketing: false }, true],
      [{ functional: true, analytics: false, marketing: false }, false],
    ]);
    const cookie = (await browser.context.cookies(ORIGIN)).find((c) => c.name === "cookie_ledger_consent")!;
    expect(cookie).toMatchObject({ domain: ".dingtalk.com", path: "/", httpOnly: false });
    await page.reload();
    expect(await page.evaluate(`${L}.consent.get().categories`)).toEqual({
      functional: true,
      analytics: false,
      marketing: false,
    });
    await browser.context.addCookies([{ ...cookie, value: cookie.value.replace("%5B1", "%5B7") }]);
    await page.reload();
    expect(await page.evaluate(`${L}.consent.get().decided`)).toBe(false);
    await page.close();
  });

  it("follows a decision made in another tab", async () => {
    const a = await open("");
    const b = await browser.newPage();
    await b.goto(a.url());
    await b.evaluate(() => (document.cookie = "an_tab=held; path=/"));
    await a.evaluate(`${L}.consent.set({ analytics: true })`);
    // Tab b learns of the new record cookie through a cookie change event, then replays its held write.
    await b.waitForFunction(() => document.cookie.includes("an_tab=held"));
    expect(await b.evaluate(`${L}.consent.get().categories.analytics`)).toBe(true);
    await a.evaluate(`${L}.consent.withdraw()`);
    await b.waitForFunction(() => !document.cookie.includes("an_tab"));
    expect(await b.evaluate(`${L}.consent.get().decided`)).toBe(false);
    await a.close();
    await b.close();
  });

  it("reports events, inventory findings, clear() and run-time registration", async () => {
    const page = await open("");
    await browser.context.addCookies([
      { name: "pref_http", value: "1", domain: "www.dingtalk.com", path: "/", httpOnly: true, secure: true },
    ]);
    const r = await page.evaluate(async () => {
      const L = (window as never as { cookieLedger: import("../../sdk/types.ts").Ledger }).cookieLedger;
      const seen: string[] = [];
      // The SDK's own consent log is a (necessary) write too: left out here.
      L.on("write", (w) => w.name !== "cookie-ledger" && seen.push(`write ${w.name}`));
      L.on("blocked", (w) => seen.push(`blocked ${w.name}`));
      L.on("undeclared", (w) => seen.push(`undeclared ${w.name}`));
      L.on("consent", (c) => seen.push(`consent ${c.from}`));
      localStorage.setItem("an_e", "1");
      localStorage.setItem("runtime_k", "1");
      L.register([{ kind: "localStorage", name: "runtime_*", category: "marketing" }]);
      localStorage.setItem("runtime_j", "1");
      await L.consent.set({ functional: true });
      document.cookie = "pref=1; path=/";
      localStorage.setItem("later_k", "1");
      const inv = await L.inventory();
      const cleared = await L.clear("functional");
      return {
        seen,
        findings: inv.findings.filter((f) => f.item).map((f) => `${f.type} ${f.item!.name}`),
        removed: cleared.removed.map((i) => i.name),
        hidden: cleared.hidden?.map((e) => e.name),
        jar: document.cookie,
      };
    });
    expect(r.seen).toEqual([
      "write an_e",
      "blocked an_e",
      "write runtime_k",
      "undeclared runtime_k",
      "write runtime_j",
      "blocked runtime_j",
      "consent api",
      "write pref",
      "write later_k",
      "undeclared later_k",
    ]);
    // runtime_k, allowed while undeclared, became marketing at run time and was purged on the next decision.
    expect(r.findings).toEqual(expect.arrayContaining(["declared pref", "undeclared later_k"]));
    expect(r.findings.some((f) => f.includes("runtime_k"))).toBe(false);
    expect(r.removed).toEqual(["pref"]);
    // Declared cookies of the category the page cannot see are reported, not claimed removed.
    expect(r.hidden).toEqual(["pref_http"]);
    const jar = await browser.context.cookies(ORIGIN);
    expect(jar.find((k) => k.name === "pref_http")).toMatchObject({ httpOnly: true });
    expect(r.jar).not.toContain("pref=");
    await page.close();
  });

  it("answers the extension over the page bridge and applies its requests", async () => {
    const page = await open("");
    const answers = await page.evaluate(async () => {
      const got: { type: string; id?: string }[] = [];
      window.addEventListener("message", (e) => {
        if (e.data?.source === "cookie-ledger") got.push(e.data);
      });
      const send = (m: object) => window.postMessage({ source: "cookie-ledger", v: 1, ...m }, "*");
      send({ type: "hello", id: "h" });
      send({ type: "consent.set", id: "c", categories: { marketing: true } });
      send({ type: "consent.set", id: "bad", categories: { necessary: false } });
      send({ type: "inventory.get", id: "i" });
      for (
        let i = 0;
        i < 100 && !(got.some((m) => m.type === "inventory") && got.some((m) => m.type === "result"));
        i++
      )
        await new Promise((r) => setTimeout(r, 20));
      return got;
    });
    expect(answers.map((m) => `${m.type} ${m.id ?? ""}`)).toEqual(
      expect.arrayContaining(["ready h", "result c", "consent ", "inventory i"]),
    );
    expect(answers.some((m) => m.id === "bad" && m.type !== "consent.set")).toBe(false);
    expect(await page.evaluate(`${L}.consent.get().categories.marketing`)).toBe(true);
    await page.close();
  });
});
