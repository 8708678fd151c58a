import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page, type Worker } from "playwright-core";
import { type PropertySet, startPropertySet } from "../../scripts/demo/server.ts";
import { makeTempDir, removeTempDir } from "./temp.ts";

export interface LaunchOptions {
  /** The property set to browse; when absent one is started (with `sdk`) and stopped on close. */
  propertySet?: PropertySet;
  sdk?: boolean;
  /** Load dist/extension/chrome (built by `npm run build`). */
  extension?: boolean;
  /** "allow" (default) lets unpartitioned third-party cookies through; "default" keeps Chromium's blocking. */
  thirdPartyCookies?: "allow" | "default";
  /** Send Global Privacy Control: `Sec-GPC: 1` and `navigator.globalPrivacyControl === true`. */
  gpc?: boolean;
  /** Extra Chromium arguments. */
  args?: string[];
}

export interface LaunchedBrowser {
  context: BrowserContext;
  propertySet: PropertySet;
  newPage(): Promise<Page>;
  /** The extension's service worker, when `extension` was asked for. */
  serviceWorker?: Worker;
  extensionId?: string;
  profileDir: string;
  /** Closes the browser, removes the profile and XDG folders, stops the property set if it started it. */
  close(): Promise<void>;
}

export function chromePath(): string {
  const path = process.env.CHROME_PATH || "/usr/bin/chromium";
  if (!existsSync(path))
    throw new Error(`Chromium not found at ${path}: run \`npm run setup\` or set CHROME_PATH`);
  return path;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const ownsPropertySet = !options.propertySet;
  const propertySet = options.propertySet ?? (await startPropertySet({ sdk: options.sdk }));
  const dir = makeTempDir("browser");
  const cleanUp = async () => {
    removeTempDir(dir);
    if (ownsPropertySet) await propertySet.stop();
  };
  try {
    const launched = await launch(dir, propertySet, options);
    return {
      ...launched,
      propertySet,
      profileDir: join(dir, "profile"),
      newPage: () => launched.context.newPage(),
      close: async () => {
        await launched.context.close().catch(() => undefined);
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function launch(dir: string, propertySet: PropertySet, options: LaunchOptions) {
  const profile = join(dir, "profile");
  mkdirSync(join(profile, "Default"), { recursive: true });
  if ((options.thirdPartyCookies ?? "allow") === "allow") {
    // This Chromium blocks unpartitioned third-party cookies by default; mode 0 allows them.
    writeFileSync(
      join(profile, "Default", "Preferences"),
      JSON.stringify({ profile: { cookie_controls_mode: 0 } }),
    );
  }
  const xdg = (name: string) => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const args = [
    `--host-resolver-rules=${propertySet.hostResolverRules}`,
    "--ignore-certificate-errors",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
    ...extensionArgs(propertySet, options.extension),
    ...(options.args ?? []),
  ];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath(),
    headless: true,
    args,
    // Playwright passes --disable-extensions unless told not to.
    ignoreDefaultArgs: options.extension ? ["--disable-extensions"] : undefined,
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: options.gpc ? { "Sec-GPC": "1" } : undefined,
    env: {
      ...process.env,
      // Otherwise Chromium writes into the home folder.
      XDG_CONFIG_HOME: xdg("xdg-config"),
      XDG_CACHE_HOME: xdg("xdg-cache"),
      XDG_DATA_HOME: xdg("xdg-data"),
    },
  });
  try {
    if (options.gpc) {
      // This Chromium has no GPC switch: the signal is emulated in every frame before page scripts run.
      // A string, not a function: transpilers may wrap functions in helpers the page does not have.
      await context.addInitScript({
        content:
          'Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true, configurable: true });',
      });
    }
    if (!options.extension) return { context };
    const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, serviceWorker, extensionId };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}

function extensionArgs(propertySet: PropertySet, extension: boolean | undefined): string[] {
  if (!extension) return [];
  const dir = propertySet.paths.extension;
  if (!existsSync(join(dir, "manifest.json"))) {
    throw new Error(`${dir}/manifest.json is missing: build the extension first (\`npm run build\`)`);
  }
  return [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`];
}
