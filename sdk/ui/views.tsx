/**
 * The UI's markup, a pure function of the mount's state: the banner (no decision yet) or the reopen button,
 * and the preference centre while it is open. ui.css styles it by structure, so few classes are needed.
 */
/** @jsxRuntime classic */
/** @jsx h */
// biome-ignore lint/correctness/noUnusedImports: the JSX factory (classic runtime: smaller than preact/jsx-runtime).
import { h } from "preact";
import { CATEGORIES } from "../../shared/categories.ts";
import type { OptionalCategory, Registry } from "../types.ts";
import { trap } from "./focus.ts";
import { rows } from "./format.ts";
import { type Lang, STRINGS, Text } from "./i18n.ts";

export interface UiState {
  lang: Lang;
  registry: Registry;
  decided: boolean;
  /** The preference centre is open. */
  prefs: boolean;
  /** The switches' values while the preference centre is open. */
  draft: Record<OptionalCategory, boolean>;
  accept(): void;
  reject(): void;
  save(): void;
  withdraw(): void;
  open(): void;
  close(): void;
  toggle(category: OptionalCategory): void;
  /** Switches to the other language. */
  swap(): void;
}

export function view(s: UiState) {
  const t = STRINGS[s.lang];
  const policy = s.registry.site.policy.url;
  const button = (onClick: () => void, text: Text, lang?: Lang) => (
    <button type="button" onClick={onClick} lang={lang}>
      {t[text]}
    </button>
  );
  const open = (text: Text) => (
    <button type="button" aria-haspopup="dialog" onClick={s.open}>
      {t[text]}
    </button>
  );
  // Accept, reject and a third choice, styled alike.
  const choices = (third: preact.JSX.Element) => (
    <div class="clui-a">
      {button(s.accept, Text.accept)}
      {button(s.reject, Text.reject)}
      {third}
    </div>
  );
  return [
    s.decided ? (
      open(Text.reopen)
    ) : (
      <section class="clui-banner" role="dialog" aria-labelledby="clui-bt" aria-describedby="clui-bd">
        <h2 id="clui-bt">{t[Text.title]}</h2>
        <p id="clui-bd">
          {t[Text.intro]} <a href={policy}>{s.registry.site.name}</a>
        </p>
        {choices(open(Text.settings))}
      </section>
    ),
    s.prefs && (
      <div>
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="clui-pt"
          tabIndex={-1}
          onKeyDown={trap(s.close)}
        >
          <div class="clui-h">
            <h2 id="clui-pt">{t[Text.prefs]}</h2>
            {button(s.swap, Text.other, s.lang === "en" ? "zh-CN" : "en")}
            {button(s.close, Text.close)}
          </div>
          <p>{t[Text.intro]}</p>
          {CATEGORIES.map((c, i) => {
            // CATEGORIES[0] is `necessary`: shown on, and not switchable.
            const fixed = !i;
            const on = fixed || s.draft[c as OptionalCategory];
            const list = rows(s.registry, c, s.lang, t[Text.session]!);
            return (
              <section class="clui-cat">
                <label>
                  <input
                    type="checkbox"
                    role="switch"
                    checked={on}
                    aria-checked={on}
                    disabled={fixed}
                    aria-describedby={`clui-d${i}`}
                    onChange={() => s.toggle(c as OptionalCategory)}
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
          {choices(button(s.save, Text.save))}
          {s.decided && button(s.withdraw, Text.withdraw)}
        </div>
      </div>
    ),
  ];
}
