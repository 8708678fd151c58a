/**
 * `mountConsentUi(ledger, options)`: renders the banner, preference centre and reopen button into a container
 * at the start of <body>, talking to the core only through its public API. State lives in this call.
 */
import { render } from "preact";
import type { Ledger } from "../types.ts";
import { pickLang } from "./i18n.ts";
import { type UiState, view } from "./views.tsx";

export interface UiOptions {
  /** `en` or `zh-CN`; default: `<html lang>`, then the browser's languages. */
  lang?: string;
  /** URL of cookie-ledger-ui.css to link, or `false` when the page links it itself. */
  css?: string | false;
  /** Nonce for the injected <link> (a CSP with `style-src 'nonce-…'`). */
  nonce?: string;
}

export interface ConsentUi {
  /** Opens the preference centre (also any click on an element with `data-cookie-ledger-open`). */
  open(): void;
  setLang(lang: string): void;
  destroy(): void;
}

export function mountConsentUi(ledger: Ledger, o: UiOptions = {}): ConsentUi {
  const doc = document;
  const { consent } = ledger;
  const root = doc.createElement("div");
  root.className = "clui";
  let opener: Element | null = null;

  const draw = () => {
    state.decided = consent.get().decided;
    root.lang = state.lang;
    render(view(state), root);
  };
  /** Focuses `el` if it is still on the page, else the UI's first control. */
  const refocus = (el?: Element | null) =>
    ((el?.isConnected ? el : root.querySelector("a,button")) as HTMLElement | null)?.focus();
  /** After a decision (`pending`, already applied by the core): the preference centre closes. */
  const decide = (pending: Promise<unknown>) => {
    pending.catch(String);
    state.prefs = false;
    draw();
    refocus();
  };
  const state: UiState = {
    lang: pickLang(o.lang, doc.documentElement.lang, ...navigator.languages),
    registry: ledger.registry,
    decided: false,
    prefs: false,
    draft: consent.get().categories,
    accept: () => decide(consent.acceptAll("banner")),
    reject: () => decide(consent.rejectAll("banner")),
    save: () => decide(consent.set(state.draft, "banner")),
    withdraw: () => decide(consent.withdraw("banner")),
    open() {
      if (state.prefs) return;
      opener = doc.activeElement;
      state.draft = consent.get().categories;
      state.prefs = true;
      draw();
      root.querySelector<HTMLElement>("[aria-modal]")?.focus();
    },
    close() {
      state.prefs = false;
      draw();
      refocus(opener);
    },
    toggle(c) {
      state.draft = { ...state.draft, [c]: !state.draft[c] };
      draw();
    },
    swap() {
      state.lang = state.lang === "en" ? "zh-CN" : "en";
      draw();
    },
  };

  const onClick = (e: Event) => {
    if ((e.target as Element).closest?.("[data-cookie-ledger-open]")) {
      e.preventDefault();
      state.open();
    }
  };
  doc.addEventListener("click", onClick);
  const off = ledger.on("consent", draw);

  if (o.css) {
    // Hidden until the stylesheet applies (or fails), so the UI never flashes unstyled.
    root.hidden = true;
    const link = doc.createElement("link");
    link.rel = "stylesheet";
    link.href = o.css;
    if (o.nonce) link.nonce = o.nonce;
    link.onload = link.onerror = () => {
      root.hidden = false;
    };
    doc.head.append(link);
  }
  doc.body.prepend(root);
  draw();

  return {
    open: state.open,
    setLang(lang) {
      state.lang = pickLang(lang);
      draw();
    },
    destroy() {
      off();
      doc.removeEventListener("click", onClick);
      render(null, root);
      root.remove();
    },
  };
}
