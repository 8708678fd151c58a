/**
 * The consent UI (dist/sdk/cookie-ledger-ui.js + .css) in Chromium: axe-core finds no WCAG 2.2 AA violation
 * with the banner or the preference centre open; focus trap, Esc and focus return; decisions go through the
 * core's public API; the declaration table comes from the registry; English and Simplified Chinese.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "../support/browser.ts";
import { consentOf, focused, openUiPage, serveUiPage, textRequests } from "./ui-support.ts";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("consent UI", () => {
  let browser: LaunchedBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    await serveUiPage(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await page?.close();
    await browser.context.clearCookies();
    page = await browser.newPage();
  });

  it("shows a banner whose three choices are equally prominent, with no axe violation", async () => {
    const texts = textRequests(page);
    await openUiPage(page);
    expect(texts).toEqual(["en"]);
    const banner = page.getByRole("dialog", { name: "Cookies and similar storage" });
    await banner.waitFor();
    const buttons = banner.getByRole("button");
    expect(await buttons.allTextContents()).toEqual(["Accept all", "Reject all", "Settings"]);
    const looks = await buttons.evaluateAll((els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, Math.round(r.height)].join(" ");
      }),
    );
    expect(new Set(looks).size).toBe(1);
    expect(await axe(page)).toEqual([]);
  });

  it("opens the preference centre as a modal dialog: focus trap, Esc, focus return, no axe violation", async () => {
    await openUiPage(page);
    const settings = page.getByRole("button", { name: "Settings" });
    await settings.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Storage preferences" });
    await dialog.waitFor();
    expect(await dialog.getAttribute("aria-modal")).toBe("true");
    expect(await focused(page)).toEqual({ text: "dialog", inDialog: true });
    for (const summary of await dialog.locator("summary").all()) await summary.click();
    expect(await axe(page)).toEqual([]);

    const stops = await dialog.evaluate(
      (d) => d.querySelectorAll("a[href],button,input:not(:disabled),summary").length,
    );
    const seen = new Set<string>();
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press("Tab");
      const f = await focused(page);
      expect(f.inDialog, `Tab ${i + 1} left the dialog (${f.text})`).toBe(true);
      seen.add(f.text);
    }
    expect(seen.has("Accept all")).toBe(true);
    await page.keyboard.press("Shift+Tab");
    expect((await focused(page)).inDialog).toBe(true);

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await focused(page)).toEqual({ text: "Settings", inDialog: false });
    expect((await consentOf(page)).decided).toBe(false);
  });

  it("lists the registry's declarations per category: name, kind, purpose, policy clause, provider, retention", async () => {
    await openUiPage(page);
    await page.getByRole("button", { name: "Settings" }).click();
    const analytics = page.locator("section.clui-cat", {
      has: page.getByRole("switch", { name: "Analytics" }),
    });
    await analytics.locator("summary").click();
    const headers = await analytics.locator("th").allTextContents();
    expect(headers).toEqual(["Name", "Kind", "Purpose", "Policy", "Provider", "Retention"]);
    const served = browser.propertySet.registry;
    const entry = served.entries.find((e) => e.name === "mp_*_mixpanel")!;
    const purpose = served.purposes[entry.purpose!]!;
    const row = analytics.locator("tr", { has: page.locator("code", { hasText: /^mp_\*_mixpanel$/ }) });
    expect(await row.locator("td").allTextContents()).toEqual([
      "mp_*_mixpanel",
      "cookie",
      purpose.label.en,
      purpose.policyRef,
      entry.provider!.name,
      "1 year",
    ]);
    const policy = row.getByRole("link", { name: purpose.policyRef });
    expect(await policy.getAttribute("href")).toBe(served.site.policy.url);
    const marketingRows = await page
      .locator("section.clui-cat", { has: page.getByRole("switch", { name: "Marketing" }) })
      .locator("tbody tr")
      .count();
    expect(marketingRows).toBeGreaterThan(0);
  });

  it("saves per-category choices, then reopens from the persistent button and withdraws", async () => {
    await openUiPage(page);
    await page.getByRole("button", { name: "Settings" }).click();
    const necessary = page.getByRole("switch", { name: "Necessary" });
    expect(await necessary.isChecked()).toBe(true);
    expect(await necessary.isDisabled()).toBe(true);
    await page.getByRole("switch", { name: "Analytics" }).check();
    await page.getByRole("button", { name: "Save choices" }).click();
    const c = await consentOf(page);
    expect(c.decided).toBe(true);
    expect(c.categories).toEqual({ functional: false, analytics: true, marketing: false });
    expect(c.record?.source).toBe("banner");
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(await focused(page)).toEqual({ text: "Cookie settings", inDialog: false });

    await page.reload();
    await page.getByRole("button", { name: "Cookie settings" }).click();
    expect(await page.getByRole("switch", { name: "Analytics" }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Withdraw consent" }).click();
    expect((await consentOf(page)).decided).toBe(false);
    await page.getByRole("dialog", { name: "Cookies and similar storage" }).waitFor();

    await page.getByRole("link", { name: "Privacy choices" }).click();
    await page.getByRole("dialog", { name: "Storage preferences" }).waitFor();
  });

  it("accept all and reject all from the banner decide every optional category", async () => {
    await openUiPage(page);
    await page.getByRole("button", { name: "Accept all" }).click();
    expect((await consentOf(page)).categories).toEqual({
      functional: true,
      analytics: true,
      marketing: true,
    });
    await page.getByRole("button", { name: "Cookie settings" }).click();
    await page.getByRole("button", { name: "Reject all" }).click();
    expect((await consentOf(page)).categories).toEqual({
      functional: false,
      analytics: false,
      marketing: false,
    });
  });
});

describe("consent UI languages", () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("follows <html lang> to Simplified Chinese, with the registry's zh-CN texts, and switches on request", async () => {
    const context = browser.context;
    await context.unrouteAll();
    await serveUiPage(context, { lang: "zh-CN" });
    const page = await browser.newPage();
    const asked = textRequests(page);
    try {
      await openUiPage(page);
      expect(asked).toEqual(["zh-CN"]);
      expect(await page.locator(".clui").getAttribute("lang")).toBe("zh-CN");
      await page.getByRole("button", { name: "设置" }).click();
      const dialog = page.getByRole("dialog", { name: "存储偏好设置" });
      await dialog.locator("summary").first().click();
      expect(await dialog.locator("th").first().textContent()).toBe("名称");
      const served = browser.propertySet.registry;
      const labels = Object.values(served.purposes).map((p) => p.label["zh-CN"]);
      const texts = new Set([...labels, ...served.entries.map((e) => e.description?.["zh-CN"]), "—"]);
      const purposes = await dialog.locator("tbody td:nth-child(3)").allTextContents();
      expect(purposes.filter((p) => !texts.has(p))).toEqual([]);
      expect(purposes.some((p) => labels.includes(p))).toBe(true);
      expect(await axe(page)).toEqual([]);
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("dialog", { name: "Storage preferences" }).waitFor();
      expect(asked).toEqual(["zh-CN", "en"]);
    } finally {
      await page.close();
    }
  });

  it("lets the site override the language with data-lang", async () => {
    const context = browser.context;
    await context.unrouteAll();
    await serveUiPage(context, { lang: "zh-CN", uiAttributes: 'data-lang="en"' });
    const page = await browser.newPage();
    try {
      await openUiPage(page);
      await page.getByRole("button", { name: "Accept all" }).waitFor();
      expect(await page.locator(".clui").getAttribute("lang")).toBe("en");
    } finally {
      await page.close();
    }
  });
});
