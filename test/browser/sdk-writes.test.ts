/**
 * The SDK's write interception in Chromium on a purpose-built page (test/browser/sdk-page.ts): every write
 * path, hold and replay, frames, asynchronous stores, the ESM build, policies, dev-mode warnings.
 * Storage is read through CDP (collectStorage), never through the page's wrapped APIs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { L, registry, sdkPages } from "./sdk-page.ts";

const { open, stored, serve } = sdkPages();

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
    serve("/t/index.js", readFileSync(join(import.meta.dirname, "../../dist/sdk/index.js"), "utf8"));
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
