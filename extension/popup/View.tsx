import { useMemo, useState } from "preact/hooks";
import { CATEGORIES } from "../../shared/categories.ts";
import { type Inventory, type InventoryItem, needsAttention } from "../../shared/protocol/messages.ts";
import { ItemTable } from "./ItemTable.tsx";
import { type Lang, messageKey, type Translate } from "./i18n.ts";
import { Summary, type SummaryActions } from "./Summary.tsx";

export interface ViewProps {
  inventory: Inventory;
  t: Translate;
  lang: Lang;
  busy: boolean;
  status: string;
  actions: SummaryActions & { onExport(format: "json" | "csv"): void };
}

function haystack(row: InventoryItem, lang: Lang): string {
  const o = row.item;
  return [o.name, o.domain, o.origin, row.provider?.name, row.purpose?.label[lang], row.purpose?.label.en]
    .filter(Boolean)
    .join("\n")
    .toLowerCase();
}

/** The popup's content for one inventory: summary, controls, item table, unholdable items. */
export function View({ inventory, t, lang, busy, status, actions }: ViewProps) {
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState("");
  const [attentionOnly, setAttentionOnly] = useState(false);
  const index = useMemo(() => inventory.items.map((r) => haystack(r, lang)), [inventory, lang]);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return inventory.items.filter(
      (r, i) =>
        (category === "" || (r.category ?? "unknown") === category) &&
        (!attentionOnly || needsAttention(r)) &&
        (q === "" || index[i]!.includes(q)),
    );
  }, [inventory, index, query, category, attentionOnly]);
  const attention = inventory.items.filter(needsAttention).length;
  const sources = inventory.sources.map((s) => t(messageKey("source", s))).join(", ");

  return (
    <main>
      <header>
        <h1>{t("siteHeading", inventory.site)}</h1>
        <p class="meta">{t("classifiedBy", sources)}</p>
        {inventory.sdk ? (
          <p class="meta">{t("sdkPresent", inventory.sdk.version, inventory.sdk.revision)}</p>
        ) : null}
        <p class="attention-count">{t("attentionCount", attention)}</p>
        {inventory.unreadFrames.length > 0 ? (
          <p class="meta">{t("unreadFrames", inventory.unreadFrames.length)}</p>
        ) : null}
      </header>
      <Summary inventory={inventory} t={t} busy={busy} actions={actions} />
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <section class="controls" aria-label={t("search")}>
        <label>
          {t("search")}
          <input
            type="search"
            value={query}
            placeholder={t("searchPlaceholder")}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </label>
        <label>
          {t("filterCategory")}
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">{t("allCategories")}</option>
            {[...CATEGORIES, "unknown"].map((c) => (
              <option key={c} value={c}>
                {t(messageKey("category", c))}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={attentionOnly}
            onChange={(e) => setAttentionOnly(e.currentTarget.checked)}
          />
          {t("attentionOnly")}
        </label>
        <button type="button" onClick={() => actions.onExport("json")}>
          {t("exportJson")}
        </button>
        <button type="button" onClick={() => actions.onExport("csv")}>
          {t("exportCsv")}
        </button>
      </section>
      <p class="meta" aria-live="polite">
        {t("shown", rows.length, inventory.items.length)}
      </p>
      {rows.length === 0 ? <p>{t("noItems")}</p> : <ItemTable rows={rows} t={t} lang={lang} />}
      {inventory.unholdable.length > 0 ? (
        <section aria-labelledby="unholdable-heading" class="unholdable">
          <h2 id="unholdable-heading">{t("unholdableHeading")}</h2>
          <p>{t("unholdableNote")}</p>
          <ul>
            {inventory.unholdable.map((u) => (
              <li key={`${u.kind}:${u.name}`}>
                <span class="name">{u.name}</span> — {t(messageKey("kind", u.kind))},{" "}
                {t(messageKey("category", u.category ?? "unknown"))}
                {u.provider ? `, ${u.provider.name}` : ""}
                {u.description ? <span class="desc">{u.description[lang]}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
