import * as v from "valibot";
import type { Browser } from "webextension-polyfill";
import dingtalk from "../../shared/registries/dingtalk.json" with { type: "json" };
import { type Registry, RegistrySchema } from "../../shared/registry/schema.ts";
import { createBlocking } from "./blocking/index.ts";
import { createSettingsStore } from "./blocking/settings.ts";
import { registrySource } from "./classify.ts";
import { createHistory } from "./history.ts";
import type { InventoryDeps } from "./inventory.ts";
import { loadKnown } from "./known.ts";
import type { SendToTab } from "./sdk.ts";
import { createWellKnownCache } from "./well-known.ts";

/** The bundled registries, validated once. */
export function bundledRegistries(): Registry[] {
  const parsed = v.safeParse(RegistrySchema, dingtalk);
  return parsed.success ? [parsed.output] : [];
}

/** Every long-lived object of the service worker, created once per worker start and passed around. */
export function createServices(browser: Browser) {
  const bundled = bundledRegistries();
  const settings = createSettingsStore(browser.storage.local);
  const blocking = createBlocking({
    settings,
    bundled,
    dnr: browser.declarativeNetRequest,
    scripting: browser.scripting,
    cookies: browser.cookies,
  });
  const sendToTab: SendToTab = (tabId, message, options) => browser.tabs.sendMessage(tabId, message, options);
  const inventoryDeps: InventoryDeps = {
    tabs: browser.tabs,
    scripting: browser.scripting,
    cookies: browser.cookies,
    sendToTab,
    bundled: bundled.map((r) => registrySource("bundled", r)),
    known: loadKnown(),
    wellKnown: createWellKnownCache(),
    history: createHistory(),
    blockedFor: (site) => blocking.blockedFor(site),
    // New knowledge about a blocked site (names, registry rules) reaches the guard and network rules.
    saveHints: async (site, hints) => {
      if ((await settings.writeHints(site, hints)) && (await blocking.blockedFor(site)).length > 0)
        await blocking.sync();
    },
  };
  return { browser, bundled, settings, blocking, sendToTab, inventoryDeps };
}

export type Services = ReturnType<typeof createServices>;
