/** The banner, the preference centre and the reopen button: stateless views of the mount's state. */
import type { Category, OptionalCategory, Registry } from "../types.ts";
import { trap } from "./focus.ts";
import { rows } from "./format.ts";
import type { Lang, Strings } from "./i18n.ts";

export const CATEGORIES: Category[] = ["necessary", "functional", "analytics", "marketing"];

export interface ViewProps {
  t: Strings;
  lang: Lang;
  registry: Registry;
  decided: boolean;
  /** The switches' values while the preference centre is open. */
  draft: Record<OptionalCategory, boolean>;
  accept(): void;
  reject(): void;
  open(): void;
  close(): void;
  save(): void;
  withdraw(): void;
  toggle(c: OptionalCategory, on: boolean): void;
  swap(): void;
}

function Actions(p: ViewProps & { prefs?: boolean }) {
  const { t } = p;
  return (
    <div class="clui-actions">
      <button type="button" class="clui-btn" onClick={p.accept}>
        {t.accept}
      </button>
      <button type="button" class="clui-btn" onClick={p.reject}>
        {t.reject}
      </button>
      {p.prefs ? (
        <button type="button" class="clui-btn" onClick={p.save}>
          {t.save}
        </button>
      ) : (
        <button type="button" class="clui-btn" aria-haspopup="dialog" onClick={p.open}>
          {t.settings}
        </button>
      )}
    </div>
  );
}

export function Banner(p: ViewProps) {
  const { t, registry } = p;
  return (
    <section
      class="clui-banner"
      role="dialog"
      aria-modal="false"
      aria-labelledby="clui-bt"
      aria-describedby="clui-bd"
    >
      <h2 id="clui-bt">{t.title}</h2>
      <p id="clui-bd">
        {t.intro} <a href={registry.site.policy.url}>{registry.site.name}</a>
      </p>
      <Actions {...p} />
    </section>
  );
}

function Table(p: ViewProps & { c: Category }) {
  const { t, registry } = p;
  const list = rows(registry, p.c, p.lang, t.session);
  if (!list.length) return null;
  return (
    <details>
      <summary>
        {t.list} ({list.length})
      </summary>
      <div class="clui-scroll">
        <table>
          <thead>
            <tr>
              {t.cols.map((c) => (
                <th scope="col">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr>
                <td>
                  <code>{r.name}</code>
                </td>
                <td>{r.kind}</td>
                <td>{r.purpose}</td>
                <td>{r.policy === "—" ? r.policy : <a href={registry.site.policy.url}>{r.policy}</a>}</td>
                <td>{r.provider}</td>
                <td>{r.retention}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function Prefs(p: ViewProps) {
  const { t } = p;
  return (
    <div class="clui-backdrop">
      <div
        class="clui-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="clui-pt"
        tabIndex={-1}
        onKeyDown={trap(p.close)}
      >
        <div class="clui-head">
          <h2 id="clui-pt">{t.prefs}</h2>
          <button type="button" class="clui-link" lang={p.lang === "en" ? "zh-CN" : "en"} onClick={p.swap}>
            {t.other}
          </button>
          <button type="button" class="clui-link" onClick={p.close}>
            {t.close}
          </button>
        </div>
        <p>{t.intro}</p>
        {CATEGORIES.map((c) => {
          const [label, description] = t.cats[c];
          const fixed = c === "necessary";
          const on = fixed || p.draft[c as OptionalCategory];
          return (
            <section class="clui-cat" aria-labelledby={`clui-c-${c}`}>
              <label class="clui-sw">
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  aria-checked={on}
                  disabled={fixed}
                  aria-describedby={`clui-d-${c}`}
                  onChange={(e) =>
                    p.toggle(c as OptionalCategory, (e.currentTarget as HTMLInputElement).checked)
                  }
                />
                <b id={`clui-c-${c}`}>{label}</b>
                {fixed && <span>{t.always}</span>}
              </label>
              <p id={`clui-d-${c}`}>{description}</p>
              <Table {...p} c={c} />
            </section>
          );
        })}
        <Actions {...p} prefs />
        {p.decided && (
          <button type="button" class="clui-link" onClick={p.withdraw}>
            {t.withdraw}
          </button>
        )}
      </div>
    </div>
  );
}

export function Reopen(p: ViewProps) {
  return (
    <button type="button" class="clui-btn clui-reopen" aria-haspopup="dialog" onClick={p.open}>
      {p.t.reopen}
    </button>
  );
}
