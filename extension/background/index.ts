/**
 * Service worker (Chrome) / background script (Firefox). Listeners are registered synchronously at
 * start-up so events wake the worker; all state lives in the services object made here.
 */
import browser, { type Runtime } from "webextension-polyfill";
import { createHandlers } from "./handlers.ts";
import { route } from "./router.ts";
import { createServices } from "./services.ts";

function init() {
  const services = createServices(browser);
  const { handlers, afterLoad } = createHandlers(services);
  const identity = { extensionOrigin: browser.runtime.getURL(""), id: browser.runtime.id };

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    route(message, sender, handlers, identity),
  );
  browser.cookies.onChanged.addListener((change) => {
    void services.blocking.onCookieChanged(change).catch(() => undefined);
  });
  const refresh = new Map<number, ReturnType<typeof setTimeout>>();
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status !== "complete") return;
    clearTimeout(refresh.get(tabId));
    refresh.set(
      tabId,
      setTimeout(() => {
        refresh.delete(tabId);
        void afterLoad(tabId).catch(() => undefined);
      }, 300),
    );
  });
  // Re-apply network rules and the guard registration on every worker start (idempotent). The startup and
  // install listeners wake the worker when the browser starts or the extension is (re)loaded: a reloaded
  // unpacked extension can lose its registered content scripts.
  const resync = () => void services.blocking.sync().catch(() => undefined);
  browser.runtime.onStartup.addListener(resync);
  browser.runtime.onInstalled.addListener(resync);
  resync();
}

init();
