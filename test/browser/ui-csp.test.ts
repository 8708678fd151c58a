/**
 * The consent UI under a strict Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval'): the banner and
 * the preference centre render styled, and the page reports no violation. With a nonce-only `style-src`, the
 * UI's `data-nonce` is what lets its stylesheet in (and leaving it out is reported: the check can fail).
 */
import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { consentOf, openUiPage, PAGE, serveUiPage } from "./ui-support.ts";

const STRICT = "default-src 'self'; script-src 'self'; style-src 'self'";
const NONCE_ONLY = "default-src 'self'; script-src 'self'; style-src 'nonce-c1ui0n0nce'";

/** Records `securitypolicyviolation` events from before any page script runs (a string: no transpiler helpers). */
const RECORD_VIOLATIONS = `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));`;

async function violations(page: Page, console: string[]): Promise<string[]> {
  const events = await page.evaluate(() => (window as never as { __violations: string[] }).__violations);
  return [...events, ...console];
}

const bannerPosition = (page: Page) =>
  page.locator(".clui-banner").evaluate((el) => getComputedStyle(el).position);

describe("consent UI under a strict CSP", () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    browser = await launchBrowser();
    await browser.context.addInitScript({ content: RECORD_VIOLATIONS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function visit(csp: string, uiAttributes?: string) {
    await browser.context.unrouteAll();
    await browser.context.clearCookies();
    await serveUiPage(browser.context, { csp, uiAttributes });
    const page = await browser.newPage();
    const messages: string[] = [];
    page.on("console", (m: ConsoleMessage) => {
      if (/Content Security Policy|unsafe-eval|unsafe-inline/i.test(m.text())) messages.push(m.text());
    });
    return { page, messages };
  }

  it(`shows the banner and the preference centre with '${STRICT}' and no violation`, async () => {
    const { page, messages } = await visit(STRICT);
    try {
      await openUiPage(page);
      expect(await bannerPosition(page)).toBe("fixed");
      await page.getByRole("button", { name: "Settings" }).click();
      const dialog = page.getByRole("dialog", { name: "Storage preferences" });
      await dialog.waitFor();
      for (const summary of await dialog.locator("summary").all()) await summary.click();
      await page.getByRole("switch", { name: "Functional" }).check();
      await page.getByRole("button", { name: "Save choices" }).click();
      expect((await consentOf(page)).categories.functional).toBe(true);
      expect(await violations(page, messages)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("puts its nonce on the stylesheet it injects", async () => {
    const { page, messages } = await visit(NONCE_ONLY, 'data-nonce="c1ui0n0nce"');
    try {
      await openUiPage(page);
      expect(await bannerPosition(page)).toBe("fixed");
      expect(await violations(page, messages)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("without the nonce the stylesheet is refused and the violation is seen", async () => {
    const { page, messages } = await visit(NONCE_ONLY);
    try {
      await page.goto(PAGE, { waitUntil: "load" });
      await page.locator(".clui-banner").waitFor({ state: "attached" });
      expect(await bannerPosition(page)).not.toBe("fixed");
      expect((await violations(page, messages)).some((v) => v.startsWith("style-src"))).toBe(true);
    } finally {
      await page.close();
    }
  });
});
