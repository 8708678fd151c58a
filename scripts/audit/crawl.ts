/**
 * Which pages to audit: the start URLs, then same-site links breadth-first up to `depth`, plus sitemap
 * entries, capped at `pages`. Breadth-first by level, each level in discovery order, so the URL set is the
 * same on every machine of a sharded run.
 */
import type { Page } from "playwright-core";
import { registrableDomain } from "../../shared/match/party.ts";

/** Extensions that are not HTML pages. */
const NOT_A_PAGE =
  /\.(pdf|zip|gz|tgz|rar|7z|png|jpe?g|gif|webp|svg|ico|mp4|webm|mp3|wav|css|js|json|xml|txt|apk|exe|dmg)$/i;

export function sameSiteAs(starts: readonly string[]): (url: string) => boolean {
  const sites = new Set(starts.map((s) => registrableDomain(new URL(s).hostname)));
  return (url) => {
    try {
      const u = new URL(url);
      return (u.protocol === "https:" || u.protocol === "http:") && sites.has(registrableDomain(u.hostname));
    } catch {
      return false;
    }
  };
}

export function isPageUrl(url: string): boolean {
  try {
    return !NOT_A_PAGE.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** `<loc>` entries of a sitemap (or sitemap index: nested sitemaps are returned too, marked by `.xml`). */
export function parseSitemap(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/gi)) {
    const loc = m[1]!
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
    out.push(loc);
  }
  return out;
}

/** Fetches a text document through the browser, so `--resolve` and `--insecure` apply. */
export async function fetchText(page: Page, url: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
    if (!response?.ok()) return undefined;
    return await response.text();
  } catch {
    return undefined;
  }
}

export interface CrawlStep {
  url: string;
  depth: number;
}

/**
 * Breadth-first discovery. `visit(url, followLinks)` loads a page once and returns its links; it is called
 * for every URL of the final set at most once (the caller may audit the page on the same visit).
 */
export async function crawl(
  starts: readonly string[],
  limits: { pages: number; depth: number },
  extraStarts: readonly string[],
  visitLevel: (urls: string[], followLinks: boolean) => Promise<string[][]>,
): Promise<string[]> {
  const inScope = sameSiteAs(starts);
  const found: string[] = [];
  const add = (url: string, into: string[]) => {
    if (found.length >= limits.pages || found.includes(url)) return;
    found.push(url);
    into.push(url);
  };
  let level: string[] = [];
  for (const url of starts) add(url, level);
  for (const url of extraStarts) if (inScope(url) && isPageUrl(url)) add(url, level);
  for (let depth = 0; level.length > 0; depth++) {
    const follow = depth < limits.depth && found.length < limits.pages;
    const links = await visitLevel(level, follow);
    if (!follow) break;
    const next: string[] = [];
    for (const list of links) for (const url of list) if (inScope(url) && isPageUrl(url)) add(url, next);
    level = next;
  }
  return found;
}
