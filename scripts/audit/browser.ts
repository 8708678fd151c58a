/**
 * Chromium for the audit. Every page visit of every scenario gets a fresh profile:
 * - without an extension, one browser is launched on a throw-away user-data dir and each visit gets a new
 *   browser context (its own cookie jar, storage and cache) — cheap, and visits never see each other's state;
 * - with `--extension`, extensions only run in the regular profile, not in extra contexts, so each visit
 *   launches its own persistent context on a new user-data dir.
 *
 * Third-party cookies are allowed, as in a stock Chrome: the audit must see what a site's third parties would
 * store for most visitors, not what a privacy-hardened build lets through.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import type { AuditOptions, ResolveRule } from "./types.ts";

export interface ExtensionInfo {
  path: string;
  id?: string;
  name?: string;
  version?: string;
}

export interface Profile {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface AuditBrowser {
  version: string;
  extension?: ExtensionInfo;
  /** A fresh, empty profile for one page visit. */
  newProfile(): Promise<Profile>;
  close(): Promise<void>;
}

type BrowserOptions = Pick<AuditOptions, "resolve" | "insecure" | "extension" | "browserPath">;

/** Chromium `--host-resolver-rules` for the `--resolve` mappings (names and port, like curl's option). */
export function hostResolverRules(rules: readonly ResolveRule[]): string | undefined {
  if (rules.length === 0) return undefined;
  return rules.map((r) => `MAP ${r.pattern} ${r.address}${r.port ? `:${r.port}` : ""}`).join(", ");
}

export function chromiumArgs(options: BrowserOptions): string[] {
  const args = [
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
  ];
  // Consent banners often stay hidden from automated browsers (navigator.webdriver is their test); the audit
  // must see the banner a visitor sees. The user agent stays Chromium's own ("HeadlessChrome").
  args.push("--disable-blink-features=AutomationControlled");
  // Chromium refuses to start its sandbox as root (containers, CI).
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  const rules = hostResolverRules(options.resolve);
  if (rules) args.push(`--host-resolver-rules=${rules}`);
  if (options.insecure) args.push("--ignore-certificate-errors");
  if (options.extension) {
    const dir = resolve(options.extension);
    args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  }
  return args;
}

/** A new user-data dir whose preferences allow third-party cookies. */
function newUserDataDir(root: string): string {
  const dir = mkdtempSync(join(root, "profile-"));
  mkdirSync(join(dir, "Default"), { recursive: true });
  // Debian's Chromium blocks unpartitioned third-party cookies by default, unlike stock Chrome; mode 0 allows
  // them, and contexts created in this browser inherit the preference.
  writeFileSync(
    join(dir, "Default", "Preferences"),
    JSON.stringify({ profile: { cookie_controls_mode: 0 } }),
  );
  return dir;
}

async function launchOn(dir: string, options: BrowserOptions, root: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: options.browserPath,
    headless: true,
    args: chromiumArgs(options),
    ignoreDefaultArgs: options.extension ? ["--disable-extensions"] : [],
    ignoreHTTPSErrors: options.insecure,
    // Keep Chromium out of the home folder.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(root, "config"),
      XDG_CACHE_HOME: join(root, "cache"),
      XDG_DATA_HOME: join(root, "data"),
    },
  });
}

async function describeExtension(context: BrowserContext, path: string): Promise<ExtensionInfo> {
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 5000 }));
  const id = new URL(worker.url()).host;
  const manifest = (await worker.evaluate("chrome.runtime.getManifest()")) as {
    name?: string;
    short_name?: string;
    version?: string;
  };
  const info: ExtensionInfo = { path, id };
  // getManifest() keeps the `__MSG_…__` placeholder of a localised name.
  const name = manifest.name?.startsWith("__MSG_") ? manifest.short_name : manifest.name;
  if (name) info.name = name;
  if (manifest.version) info.version = manifest.version;
  return info;
}

export async function launchAuditBrowser(options: BrowserOptions): Promise<AuditBrowser> {
  const root = mkdtempSync(join(tmpdir(), "cookie-ledger-audit-"));
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    const main = await launchOn(newUserDataDir(root), options, root);
    const version = main.browser()?.version() ?? "unknown";
    if (options.extension) {
      const extension = await describeExtension(main, resolve(options.extension)).catch(() => ({
        path: resolve(options.extension!),
      }));
      await main.close();
      return {
        version,
        extension,
        async newProfile() {
          const dir = newUserDataDir(root);
          const context = await launchOn(dir, options, root);
          return {
            context,
            async close() {
              await context.close().catch(() => {});
              rmSync(dir, { recursive: true, force: true });
            },
          };
        },
        async close() {
          cleanup();
        },
      };
    }
    const browser = main.browser();
    if (!browser) throw new Error("Chromium did not expose its browser handle");
    return {
      version,
      async newProfile() {
        const context = await browser.newContext({ ignoreHTTPSErrors: options.insecure });
        return { context, close: () => context.close().catch(() => {}) };
      },
      async close() {
        await main.close().catch(() => {});
        cleanup();
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
