/** One page in one scenario, in a fresh profile: load, settle, answer consent, settle, collect. */
import type { Page } from "playwright-core";
import type { ObservedItem } from "../../shared/model.ts";
import type { AuditBrowser } from "./browser.ts";
import { collectAll, itemKey } from "./collect.ts";
import { type AutoconsentAssets, answerConsent, hasSdk, prepareAutoconsent } from "./consent.ts";
import { watchNetwork } from "./network.ts";
import type { ConsentOutcome, Scenario, ThirdPartyHost } from "./types.ts";

export interface VisitSettings {
  timeoutMs: number;
  settleMs: number;
  /** Quiet period that counts as "the network settled". */
  quietMs: number;
  isThirdParty(host: string): boolean;
  autoconsent: AutoconsentAssets;
}

export interface Visit {
  url: string;
  scenario: Scenario;
  ok: boolean;
  error?: string;
  finalUrl?: string;
  httpStatus?: number;
  sdk: boolean;
  consent: ConsentOutcome;
  /** Epoch ms when consent was answered; absent in `before-consent` or when nothing was answered. */
  decidedAt?: number;
  items: ObservedItem[];
  thirdParty: ThirdPartyHost[];
  /** Links on the page (absolute, without fragment), when asked for. */
  links: string[];
  durationMs: number;
  /**
   * With `wanted.before` in a consent scenario: the snapshot taken before answering, as the `before-consent`
   * result. Up to that point the visit is exactly a `before-consent` visit in a fresh profile, so the audit
   * saves a page load per URL.
   */
  beforeConsent?: Visit;
}

async function pageLinks(page: Page): Promise<string[]> {
  const hrefs = await page
    .$$eval("a[href]", (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href))
    .catch(() => [] as string[]);
  const out: string[] = [];
  for (const href of hrefs) {
    try {
      const url = new URL(href);
      if (url.protocol !== "https:" && url.protocol !== "http:") continue;
      url.hash = "";
      if (!out.includes(url.href)) out.push(url.href);
    } catch {}
  }
  return out;
}

/**
 * Waits for `load` until the deadline. A page whose load never ends (a stalled ad, a long poll) is still
 * audited with what it stored by then, rather than reported as failed.
 */
async function loaded(page: Page, deadline: number): Promise<void> {
  await page.waitForLoadState("load", { timeout: Math.max(1, deadline - Date.now()) }).catch(() => {});
}

export async function visitPage(
  browser: AuditBrowser,
  url: string,
  scenario: Scenario,
  settings: VisitSettings,
  wanted: { collect: boolean; links: boolean; before?: boolean },
): Promise<Visit> {
  const started = Date.now();
  const visit: Visit = {
    url,
    scenario,
    ok: false,
    sdk: false,
    consent: { method: "none", answered: false },
    items: [],
    thirdParty: [],
    links: [],
    durationMs: 0,
  };
  const profile = await browser.newProfile();
  try {
    const { context } = profile;
    const log = watchNetwork(context, settings.isThirdParty);
    const interact = wanted.collect && scenario !== "before-consent";
    const states = interact ? await prepareAutoconsent(context, scenario, settings.autoconsent) : undefined;
    const page = await context.newPage();
    page.setDefaultTimeout(settings.timeoutMs);
    const response = await page.goto(url, { waitUntil: "domcontentloaded", timeout: settings.timeoutMs });
    await loaded(page, started + settings.timeoutMs);
    visit.finalUrl = page.url();
    if (response) visit.httpStatus = response.status();
    await log.quiet(settings.quietMs, settings.settleMs);
    if (wanted.links) visit.links = await pageLinks(page);
    if (wanted.collect) {
      visit.sdk = await hasSdk(page);
      let before: ObservedItem[] = [];
      if (interact) {
        await log.drain();
        before = await collectAll(context, page, log.httpCookies);
        if (wanted.before) {
          visit.beforeConsent = {
            ...visit,
            scenario: "before-consent",
            ok: true,
            consent: { method: "none", answered: false, note: "no interaction" },
            items: before,
            thirdParty: log.thirdParty().map((t) => ({ ...t })),
            durationMs: Date.now() - started,
          };
        }
        visit.consent = await answerConsent(
          page,
          scenario,
          visit.sdk,
          states,
          settings.autoconsent,
          settings.settleMs + 2000,
        );
        if (visit.consent.answered) {
          visit.decidedAt = Date.now();
          // The next page view is what a visitor lives with after choosing: its requests carry the consent
          // record, so servers that filter Set-Cookie by consent show their real behaviour.
          await page.reload({ waitUntil: "domcontentloaded", timeout: settings.timeoutMs });
          await loaded(page, Date.now() + settings.timeoutMs);
          await log.quiet(settings.quietMs, settings.settleMs);
        }
      } else {
        visit.consent = { method: "none", answered: false, note: "no interaction" };
      }
      await log.drain();
      const after = await collectAll(context, page, log.httpCookies);
      // An item already there before consent was answered keeps that earlier sighting.
      const earlier = new Map(before.map((item) => [itemKey(item), item.firstSeen]));
      visit.items = after.map((item) => {
        const first = earlier.get(itemKey(item));
        return first === undefined ? item : { ...item, firstSeen: first };
      });
      visit.thirdParty = log.thirdParty();
    }
    visit.ok = true;
  } catch (error) {
    visit.error = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  } finally {
    await profile.close();
    visit.durationMs = Date.now() - started;
  }
  return visit;
}
