/**
 * dist/sdk/cookie-ledger-ui.js: the optional consent UI, after the core (`window.cookieLedger`):
 * `<script src="cookie-ledger-ui.js" defer>`. It links cookie-ledger-ui.css from its own folder.
 * Attributes: `data-lang="en|zh-CN"`, `data-css="URL|none"`, `data-nonce` (else the script's own nonce).
 */
import type { Ledger } from "../types.ts";
import { type ConsentUi, mountConsentUi } from "./mount.tsx";

type G = Window & { cookieLedger?: Ledger; cookieLedgerUi?: ConsentUi };

(() => {
  const w = window as G;
  const d = document;
  const s = d.currentScript as HTMLScriptElement | null;
  const ds = s?.dataset ?? {};
  const start = () => {
    try {
      if (!w.cookieLedger) throw new Error("load cookie-ledger.js first");
      // Loaded twice (a tag manager and the page): one UI.
      if (w.cookieLedgerUi) return;
      w.cookieLedgerUi = mountConsentUi(w.cookieLedger, {
        lang: ds.lang,
        css: ds.css === "none" ? false : new URL(ds.css || "cookie-ledger-ui.css", s?.src || d.baseURI).href,
        nonce: ds.nonce || s?.nonce,
      });
    } catch (e) {
      console.error("Cookie Ledger UI did not start:", e);
    }
  };
  if (d.body) start();
  else d.addEventListener("DOMContentLoaded", start);
})();
