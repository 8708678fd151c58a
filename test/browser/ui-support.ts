/** Test pages for the consent UI, served by route on www.dingtalk.com/ui-test/ next to the property set. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";

const dist = join(import.meta.dirname, "..", "..", "dist", "sdk");
const FILES = [
  "cookie-ledger.js",
  "cookie-ledger-extras.js",
  "cookie-ledger-ui.js",
  "cookie-ledger-ui.css",
  "cookie-ledger-ui.en.json",
  "cookie-ledger-ui.zh-CN.json",
];
const TYPES: Record<string, string> = { css: "text/css", json: "application/json", js: "text/javascript" };
export const PAGE = "https://www.dingtalk.com/ui-test/page.html";

export interface PageOptions {
  /** `<html lang>` */
  lang?: string;
  /** Attributes of the UI's script tag, e.g. `data-lang="en"`. */
  uiAttributes?: string;
  /** A Content-Security-Policy header for the page. */
  csp?: string;
}

function html(o: PageOptions): string {
  return `<!doctype html>
<html lang="${o.lang ?? "en"}">
<head>
<meta charset="utf-8">
<script src="/ui-test/cookie-ledger.js" data-registry="/.well-known/cookie-ledger.json"></script>
<script src="/ui-test/cookie-ledger-ui.js" defer ${o.uiAttributes ?? ""}></script>
<title>Consent UI test page</title>
</head>
<body>
<header><h1>Consent UI test page</h1></header>
<main>
<p>Some content of the site, with <a href="#more" id="outside">a link of the page</a>.</p>
</main>
<footer><p>You can change your <a href="#privacy" data-cookie-ledger-open>privacy choices</a> at any time.</p></footer>
</body>
</html>
`;
}

/** Serves the test page and the built SDK files (dist/sdk) under https://www.dingtalk.com/ui-test/. */
export async function serveUiPage(context: BrowserContext, options: PageOptions = {}): Promise<void> {
  await context.route("https://www.dingtalk.com/ui-test/**", (route) => {
    const file = new URL(route.request().url()).pathname.split("/").pop() ?? "";
    if (file === "page.html")
      return route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        headers: options.csp ? { "content-security-policy": options.csp } : {},
        body: html(options),
      });
    if (!FILES.includes(file)) return route.fulfill({ status: 404, body: "not found" });
    return route.fulfill({
      status: 200,
      contentType: TYPES[file.split(".").pop()!],
      body: readFileSync(join(dist, file)),
    });
  });
}

/** Opens the test page and waits until the UI has rendered and its stylesheet applies. */
export async function openUiPage(page: Page): Promise<void> {
  await page.goto(PAGE, { waitUntil: "load" });
  await page.waitForSelector(".clui:not([hidden]) > *", { state: "visible" });
}

type Consent = { decided: boolean; categories: Record<string, boolean>; record?: { source: string } };

/** `cookieLedger.consent.get()` in the page. */
export function consentOf(page: Page): Promise<Consent> {
  return page.evaluate(() =>
    (window as never as { cookieLedger: { consent: { get(): Consent } } }).cookieLedger.consent.get(),
  );
}

/** The focused element's text or accessible label, and whether it is inside the preference centre. */
export function focused(page: Page): Promise<{ text: string; inDialog: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      text: (el?.getAttribute("aria-labelledby") ? "dialog" : el?.textContent?.trim()) ?? "",
      inDialog: !!el?.closest("[aria-modal=true]"),
    };
  });
}

/** The UI's text files the page asks for, in order (`en`, `zh-CN`), recorded from now on. */
export function textRequests(page: Page): string[] {
  const langs: string[] = [];
  page.on("request", (r) => {
    const lang = /cookie-ledger-ui\.([\w-]+)\.json$/.exec(r.url())?.[1];
    if (lang) langs.push(lang);
  });
  return langs;
}
