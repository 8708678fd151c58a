/**
 * A purpose-built page on the property set's www host for the SDK's browser tests: a small registry, the
 * drop-in script, a fresh page per test with cookies and web storage cleared.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { collectStorage } from "../support/collect.ts";
import { serveExtras } from "./sdk-helpers.ts";

export const ORIGIN = "https://www.dingtalk.com";
export const registry = {
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

const html = (body: string, attrs: string) => `<!doctype html><html><head>
<script type="application/json" id="cookie-ledger-registry">${JSON.stringify(registry)}</script>
<script src="/cookie-ledger.js" ${attrs}></script></head><body>${body}</body></html>`;

/** The ledger, in expressions evaluated in the page. */
export const L = "(window.cookieLedger)";

/** Registers the browser for the calling test file and returns what its tests use. */
export function sdkPages() {
  let browser: LaunchedBrowser;
  const pages: Record<string, string> = {};
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
  return {
    browser: () => browser,
    /** Serves `body` at `/t/<path>`. */
    serve(path: string, body: string) {
      pages[path] = body;
    },
    /** Opens a fresh page with the given body (`raw`: the whole document, without the SDK). */
    async open(body: string, attrs = "", raw?: string): Promise<Page> {
      await browser.context.clearCookies();
      const path = `/t/${Math.random().toString(36).slice(2)}`;
      pages[path] = raw ?? html(body, attrs);
      const page = await browser.newPage();
      await page.goto(`${ORIGIN}${path}`);
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
      return page;
    },
    /** What the page's origin stores, read through CDP (not the SDK's own consent log). */
    async stored(page: Page) {
      return (await collectStorage(page))
        .filter(
          (i) => (i.kind !== "cookie" || i.domain?.endsWith("dingtalk.com")) && i.name !== "cookie-ledger",
        )
        .map((i) => `${i.kind}:${i.name}`);
    },
  };
}
