/**
 * The audit's programmatic entry: crawl, visit every page in every scenario, reconcile, and return the
 * JSON report (the CLI then writes it in each format). Page failures land in the report; only a browser that
 * will not start, or a registry that was asked for and is invalid, makes this throw.
 */
import pkg from "../../package.json" with { type: "json" };
import { registrableDomain } from "../../shared/match/party.ts";
import { type AuditBrowser, launchAuditBrowser } from "./browser.ts";
import { type Classifier, createClassifier, type KnownLookup } from "./classify.ts";
import { loadAutoconsentAssets } from "./consent.ts";
import { crawl, fetchText, parseSitemap } from "./crawl.ts";
import { openCookieDatabaseLookup } from "./known.ts";
import { mapPool } from "./pool.ts";
import { type Progress, silentProgress } from "./progress.ts";
import { type ResolvedRegistry, resolveRegistry } from "./registry.ts";
import { sortReport } from "./report/sort.ts";
import { shardOf } from "./shard.ts";
import type { AuditOptions, AuditReport, PageResult, Scenario } from "./types.ts";
import { type Visit, type VisitSettings, visitPage } from "./visit.ts";

export interface RunHooks {
  progress?: Progress;
  /** Notes for the person running the audit (registry chosen, warnings). */
  log?: (line: string) => void;
  cwd?: string;
  /** Classification for items no registry declares (the Open Cookie Database). */
  known?: KnownLookup;
}

async function fetchThrough(
  browser: AuditBrowser,
  url: string,
  timeoutMs: number,
): Promise<string | undefined> {
  const profile = await browser.newProfile();
  try {
    const page = await profile.context.newPage();
    return await fetchText(page, url, timeoutMs);
  } finally {
    await profile.close();
  }
}

function thirdPartyTest(starts: readonly string[], resolved: ResolvedRegistry): (host: string) => boolean {
  const sites = new Set<string | undefined>(starts.map((u) => registrableDomain(new URL(u).hostname)));
  for (const p of resolved.registry?.properties ?? []) sites.add(registrableDomain(p));
  return (host) => !sites.has(registrableDomain(host));
}

function toPage(visit: Visit, classifier: Classifier): PageResult {
  const { items, findings, notObserved } = classifier.classify(visit);
  const page: PageResult = {
    url: visit.url,
    scenario: visit.scenario,
    status: visit.ok ? "ok" : "error",
    consent: visit.consent,
    sdk: visit.sdk,
    items,
    findings,
    thirdParty: visit.thirdParty,
    notObserved,
    durationMs: visit.durationMs,
  };
  if (visit.error) page.error = visit.error;
  if (visit.finalUrl && visit.finalUrl !== visit.url) page.finalUrl = visit.finalUrl;
  if (visit.httpStatus !== undefined) page.httpStatus = visit.httpStatus;
  return page;
}

export async function runAudit(options: AuditOptions, hooks: RunHooks = {}): Promise<AuditReport> {
  const progress = hooks.progress ?? silentProgress;
  const log = hooks.log ?? (() => {});
  const browser = await launchAuditBrowser(options);
  try {
    const starts = options.urls.filter((u) => !/\.xml$/i.test(new URL(u).pathname));
    const sitemaps = options.urls.filter((u) => /\.xml$/i.test(new URL(u).pathname));
    if (options.sitemap) for (const s of starts) sitemaps.push(new URL("/sitemap.xml", s).href);
    const first = starts[0] ?? sitemaps[0];
    if (!first) throw new Error("no URL to audit");
    const fetch = (url: string) => fetchThrough(browser, url, options.timeoutMs);
    const resolved = await resolveRegistry(options.registry, first, hooks.cwd ?? process.cwd(), fetch);
    for (const w of resolved.warnings) log(`warning: ${w}`);
    log(`registry: ${resolved.info.source}${resolved.info.location ? ` (${resolved.info.location})` : ""}`);
    const fromSitemaps: string[] = [];
    for (const s of sitemaps) fromSitemaps.push(...parseSitemap((await fetch(s)) ?? ""));

    const settings: VisitSettings = {
      timeoutMs: options.timeoutMs,
      settleMs: options.settleMs,
      quietMs: 300,
      isThirdParty: thirdPartyTest(starts.length ? starts : fromSitemaps, resolved),
      autoconsent: loadAutoconsentAssets(),
    };
    const mine = (url: string) => !options.shard || shardOf(url, options.shard.count) === options.shard.index;
    const visits: Visit[] = [];
    const auditsBefore = options.scenarios.includes("before-consent");
    // `before-consent` rides on the first consent scenario's visit (its snapshot before answering).
    const carrier = auditsBefore ? options.scenarios.find((s) => s !== "before-consent") : undefined;
    const audit = async (url: string, scenario: Scenario, links: boolean) => {
      const before = scenario === carrier;
      const visit = await visitPage(browser, url, scenario, settings, { collect: true, links, before });
      if (before) {
        const snapshot = visit.beforeConsent ?? { ...visit, scenario: "before-consent" as const, ok: false };
        progress.done(`before-consent ${url}`, snapshot.ok);
        visits.push(snapshot);
      }
      progress.done(`${scenario} ${url}`, visit.ok);
      visits.push(visit);
      return visit;
    };
    const urls = await crawl(
      starts.length ? starts : fromSitemaps.slice(0, 1),
      options,
      fromSitemaps,
      async (level, follow) => {
        const todo = level.filter((url) => follow || (auditsBefore && mine(url)));
        progress.grow(auditsBefore ? todo.filter(mine).length * (carrier ? 2 : 1) : 0);
        return mapPool(todo, options.concurrency, async (url) => {
          if (auditsBefore && mine(url)) return (await audit(url, carrier ?? "before-consent", follow)).links;
          return (await visitPage(browser, url, "before-consent", settings, { collect: false, links: true }))
            .links;
        }).then((lists) => level.map((url) => lists[todo.indexOf(url)] ?? []));
      },
    );
    const shardUrls = urls.filter(mine);
    const rest = options.scenarios.filter((s) => s !== "before-consent" && s !== carrier);
    const jobs = rest.flatMap((scenario) => shardUrls.map((url) => ({ url, scenario })));
    progress.grow(jobs.length);
    await mapPool(jobs, options.concurrency, (job) => audit(job.url, job.scenario, false));
    progress.stop();

    const classifier = createClassifier(
      resolved.registry,
      resolved.info.source,
      hooks.known ?? openCookieDatabaseLookup(),
    );
    const report: AuditReport = {
      schemaVersion: 1,
      tool: { name: "cookie-ledger", version: pkg.version },
      generatedAt: new Date().toISOString(),
      browser: { version: browser.version },
      options: {
        scenarios: options.scenarios,
        pages: options.pages,
        depth: options.depth,
        failOn: options.failOn,
        shards: options.shard ? [options.shard] : [],
      },
      registry: resolved.info,
      urls: shardUrls,
      pages: visits.map((v) => toPage(v, classifier)),
    };
    if (browser.extension) report.browser.extension = browser.extension;
    return sortReport(report);
  } finally {
    progress.stop();
    await browser.close();
  }
}
