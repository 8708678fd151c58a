/**
 * `mountConsentUi(ledger, options)`: renders the banner, preference centre and reopen button into a container
 * at the start of <body>, talking to the core only through its public API. State lives in this call.
 */
import { render } from "preact";
import type { Ledger, OptionalCategory } from "../types.ts";
import { focusables } from "./focus.ts";
import { type Lang, pickLang, STRINGS } from "./i18n.ts";
import { Banner, Prefs, Reopen, type ViewProps } from "./views.tsx";

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
  const root = doc.createElement("div");
  root.className = "clui";
  let lang: Lang = pickLang(o.lang, doc.documentElement.lang, ...navigator.languages);
  let prefs = false;
  let draft = ledger.consent.get().categories;
  let opener: Element | null = null;

  const decided = () => ledger.consent.get().decided;
  const draw = () => {
    root.lang = lang;
    const p: ViewProps = {
      t: STRINGS[lang],
      lang,
      registry: ledger.registry,
      decided: decided(),
      draft,
      ...actions,
    };
    render(
      <>
        {p.decided ? <Reopen {...p} /> : <Banner {...p} />}
        {prefs && <Prefs {...p} />}
      </>,
      root,
    );
  };
  /** Focus a still-present element, else the first control of the UI. */
  const refocus = (el?: Element | null) =>
    ((el?.isConnected ? el : focusables(root)[0]) as HTMLElement | undefined)?.focus();
  const decide = (run: () => Promise<unknown>) => {
    run().catch(String);
    prefs = false;
    draw();
    refocus();
  };
  const actions = {
    accept: () => decide(() => ledger.consent.acceptAll("banner")),
    reject: () => decide(() => ledger.consent.rejectAll("banner")),
    save: () => decide(() => ledger.consent.set(draft, "banner")),
    withdraw: () => decide(() => ledger.consent.withdraw("banner")),
    open() {
      if (prefs) return;
      opener = doc.activeElement;
      draft = ledger.consent.get().categories;
      prefs = true;
      draw();
      root.querySelector<HTMLElement>("[aria-modal=true]")?.focus();
    },
    close() {
      prefs = false;
      draw();
      refocus(opener);
    },
    toggle(c: OptionalCategory, on: boolean) {
      draft = { ...draft, [c]: on };
      draw();
    },
    swap() {
      lang = lang === "en" ? "zh-CN" : "en";
      draw();
    },
  };

  const onClick = (e: Event) => {
    if ((e.target as Element).closest?.("[data-cookie-ledger-open]")) {
      e.preventDefault();
      actions.open();
    }
  };
  doc.addEventListener("click", onClick);
  const off = ledger.on("consent", draw);

  const show = () => {
    root.hidden = false;
  };
  if (o.css) {
    root.hidden = true;
    const link = doc.createElement("link");
    link.rel = "stylesheet";
    link.href = o.css;
    if (o.nonce) link.nonce = o.nonce;
    link.onload = link.onerror = show;
    doc.head.append(link);
  }
  doc.body.prepend(root);
  draw();

  return {
    open: actions.open,
    setLang(l) {
      lang = pickLang(l);
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
