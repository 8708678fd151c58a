import { render } from "preact";
import browser from "webextension-polyfill";
import { App } from "./App.tsx";
import { targetTab } from "./api.ts";
import { createTranslate, registryLang } from "./i18n.ts";

const t = createTranslate((key, subs) => browser.i18n.getMessage(key, subs));
const lang = registryLang(browser.i18n.getMessage("registryLang"), browser.i18n.getUILanguage());
document.documentElement.lang = lang;
document.title = t("extName");
const root = document.getElementById("app")!;
targetTab(location.search).then(
  (tabId) => render(<App tabId={tabId} t={t} lang={lang} />, root),
  (e: unknown) => {
    root.textContent = t("errorPrefix", String(e));
  },
);
