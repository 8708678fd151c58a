/**
 * dist/sdk/cookie-ledger-ui.js: the optional consent UI, after the core (`window.cookieLedger`):
 * `<script src="cookie-ledger-ui.js" defer>`. It links cookie-ledger-ui.css and fetches the texts of the
 * language it shows (cookie-ledger-ui.en.json or cookie-ledger-ui.zh-CN.json) from its own folder.
 * Attributes: `data-lang="en|zh-CN"`, `data-css="URL|none"`, `data-nonce` (else the script's own nonce).
 */
import type { Ledger } from "../types.ts";
import { type ConsentUi, mountConsentUi } from "./mount.tsx";

const w = window as Window & { cookieLedger?: Ledger; cookieLedgerUi?: ConsentUi };
const d = document;
const script = d.currentScript as HTMLScriptElement | null;
const data = script?.dataset ?? {};

function start() {
  if (!w.cookieLedger) return console.error("Cookie Ledger UI: load cookie-ledger.js first");
  const base = script?.src || d.baseURI;
  // Loaded twice (a tag manager and the page): one UI.
  w.cookieLedgerUi ??= mountConsentUi(w.cookieLedger, {
    lang: data.lang,
    texts: (lang) => fetch(new URL(`cookie-ledger-ui.${lang}.json`, base)).then((r) => r.json()),
    css: data.css !== "none" && new URL(data.css || "cookie-ledger-ui.css", base).href,
    nonce: data.nonce || script?.nonce,
  });
}

if (d.body) start();
else d.addEventListener("DOMContentLoaded", start);
