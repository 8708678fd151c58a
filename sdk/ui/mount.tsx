/**
 * `mountConsentUi(ledger, options)`: renders the banner, preference centre and reopen button into a container
 * at the start of <body>, talking to the core only through its public API. State lives in this call: the view
 * is a closure over a few local variables (shorter once minified than a state object's property names).
 */
/** @jsxRuntime classic */
/** @jsx h */
// biome-ignore lint/correctness/noUnusedImports: `h` is the JSX factory (classic runtime: smaller than preact/jsx-runtime).
import { h, render } from "preact";
import { CATEGORIES } from "../../shared/categories.ts";
import type { Ledger, OptionalCategory } from "../types.ts";
import { trap } from "./focus.ts";
import { rows } from "./format.ts";
import { type Lang, pickLang, Text, type Texts } from "./i18n.ts";

export interface UiOptions {
  /** `en` or `zh-CN`; default: `<html lang>`, then the browser's languages. */
  lang?: string;
  /**
   * A language's texts (en.json, zh-CN.json): asked for once per language, when the UI is first to show in it.
   * The drop-in fetches dist/sdk/cookie-ledger-ui.<lang>.json.
   */
  texts: (lang: Lang) => Promise<Texts>;
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

export function mountConsentUi(ledger: Ledger, o: UiOptions): ConsentUi {
  const doc = document;
  const { consent, registry } = ledger;
  const policy = registry.site.policy.url;
  const root = doc.createElement("div");
  root.className = "clui";
  let lang: Lang = pickLang(o.lang, doc.documentElement.lang, ...navigator.languages);
  /** The preference centre is open; `draft` holds its switches. */
  let prefs = false;
  let draft = consent.get().categories;
  let opener: Element | null = null;
  /** Each language's texts, or their pending load. */
  const texts: Partial<Record<Lang, Texts | Promise<void>>> = {};

  /** Renders in the current language once its texts are in (until then the UI stays as it is). */
  const draw = () => {
    const t = texts[lang];
    const l = lang;
    if (Array.isArray(t)) {
      root.lang = l;
      render(view(t), root);
    } else
      texts[l] ??= o.texts(l).then(
        (loaded) => {
          texts[l] = loaded;
          draw();
        },
        (e) => {
          // Asked again at the next draw (a consent change, a language switch).
          delete texts[l];
          console.error("Cookie Ledger UI: no texts", e);
        },
      );
  };
  /** The preference centre's `ref`: it takes focus when it appears (also when its texts arrive late). */
  const focus = (el: HTMLElement | null) => el?.focus();
  /** Focuses `el` if it is still on the page, else the UI's first control. */
  const refocus = (el?: Element | null) =>
    ((el?.isConnected ? el : root.querySelector("a,button")) as HTMLElement | null)?.focus();
  /** After a decision (`pending`, already applied by the core): the preference centre closes. */
  const decide = (pending: Promise<unknown>) => {
    pending.catch(String);
    prefs = false;
    draw();
    refocus();
  };
  const open = () => {
    if (prefs) return;
    opener = doc.activeElement;
    draft = consent.get().categories;
    prefs = true;
    draw();
  };
  const close = () => {
    prefs = false;
    draw();
    refocus(opener);
  };

  /** The markup: the banner (no decision yet) or the reopen button, and the preference centre while open. */
  function view(t: Texts) {
    const { decided } = consent.get();
    const button = (onClick: () => void, text: Text, lang?: Lang) => (
      <button type="button" onClick={onClick} lang={lang}>
        {t[text]}
      </button>
    );
    const opens = (text: Text) => (
      <button type="button" aria-haspopup="dialog" onClick={open}>
        {t[text]}
      </button>
    );
    // Accept, reject and a third choice, styled alike.
    const choices = (third: preact.JSX.Element) => (
      <div class="clui-a">
        {button(() => decide(consent.acceptAll("banner")), Text.accept)}
        {button(() => decide(consent.rejectAll("banner")), Text.reject)}
        {third}
      </div>
    );
    return [
      decided ? (
        opens(Text.reopen)
      ) : (
        <section class="clui-banner" role="dialog" aria-labelledby="clui-bt" aria-describedby="clui-bd">
          <h2 id="clui-bt">{t[Text.title]}</h2>
          <p id="clui-bd">
            {t[Text.intro]} <a href={policy}>{registry.site.name}</a>
          </p>
          {choices(opens(Text.settings))}
        </section>
      ),
      prefs && (
        <div>
          <div
            role="dialog"
            aria-modal="true"
            aria-labelledby="clui-pt"
            tabIndex={-1}
            ref={focus}
            onKeyDown={trap(close)}
          >
            <div class="clui-h">
              <h2 id="clui-pt">{t[Text.prefs]}</h2>
              {button(
                () => {
                  lang = lang === "en" ? "zh-CN" : "en";
                  draw();
                },
                Text.other,
                lang === "en" ? "zh-CN" : "en",
              )}
              {button(close, Text.close)}
            </div>
            <p>{t[Text.intro]}</p>
            {CATEGORIES.map((c, i) => {
              // CATEGORIES[0] is `necessary`: shown on, and not switchable.
              const fixed = !i;
              const on = fixed || draft[c as OptionalCategory];
              const list = rows(registry, c, lang, t[Text.session]!);
              return (
                <section class="clui-cat">
                  <label>
                    <input
                      type="checkbox"
                      // biome-ignore lint/a11y/useAriaPropsForRole: the checkbox's own checked state is the switch's (ARIA in HTML: no aria-checked here).
                      role="switch"
                      checked={on}
                      disabled={fixed}
                      aria-describedby={`clui-d${i}`}
                      onChange={() => {
                        draft = { ...draft, [c]: !on };
                        draw();
                      }}
                    />
                    <b>{t[Text.cats + 2 * i]}</b>
                    {fixed && <span>{t[Text.always]}</span>}
                  </label>
                  <p id={`clui-d${i}`}>{t[Text.cats + 2 * i + 1]}</p>
                  {list.length > 0 && (
                    <details>
                      <summary>
                        {t[Text.list]} ({list.length})
                      </summary>
                      <div>
                        <table>
                          <tr>
                            {t.slice(Text.cols, Text.cats).map((name) => (
                              <th>{name}</th>
                            ))}
                          </tr>
                          <tbody>
                            {list.map((row) => (
                              <tr>
                                {row.map((cell, j) => (
                                  <td>
                                    {!j ? (
                                      <code>{cell}</code>
                                    ) : j === 3 && cell !== "—" ? (
                                      <a href={policy}>{cell}</a>
                                    ) : (
                                      cell
                                    )}
                                  </td>
                                ))}
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                    </details>
                  )}
                </section>
              );
            })}
            {choices(button(() => decide(consent.set(draft, "banner")), Text.save))}
            {decided && button(() => decide(consent.withdraw("banner")), Text.withdraw)}
          </div>
        </div>
      ),
    ];
  }

  const onClick = (e: Event) => {
    if ((e.target as Element).closest?.("[data-cookie-ledger-open]")) {
      e.preventDefault();
      open();
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
    open,
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
