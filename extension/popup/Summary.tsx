import { CATEGORIES, OPTIONAL_CATEGORIES, type OptionalCategory } from "../../shared/categories.ts";
import type { Inventory } from "../../shared/protocol/messages.ts";
import { messageKey, type Translate } from "./i18n.ts";

export interface SummaryActions {
  onClear(category: OptionalCategory): void;
  onBlock(category: OptionalCategory, blocked: boolean): void;
  onBlockAll(): void;
}

/** Counts per category with the clear and block controls (real buttons and checkboxes, labelled). */
export function Summary({
  inventory,
  t,
  busy,
  actions,
}: {
  inventory: Inventory;
  t: Translate;
  busy: boolean;
  actions: SummaryActions;
}) {
  const counts = new Map<string, number>();
  for (const i of inventory.items)
    counts.set(i.category ?? "unknown", (counts.get(i.category ?? "unknown") ?? 0) + 1);
  const optional = OPTIONAL_CATEGORIES as readonly string[];
  return (
    <section aria-labelledby="summary-heading" class="summary">
      <h2 id="summary-heading">{t("summaryHeading")}</h2>
      <ul>
        {[...CATEGORIES, "unknown"].map((c) => {
          const name = t(messageKey("category", c));
          const blocked = inventory.blocked.includes(c as OptionalCategory);
          return (
            <li key={c} class={`cat-row cat-${c}`}>
              <span class="cat-name">{name}</span>
              <span class="cat-count">{t("itemsCount", counts.get(c) ?? 0)}</span>
              {optional.includes(c) ? (
                <>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t("clearLabel", name)}
                    data-clear={c}
                    onClick={() => actions.onClear(c as OptionalCategory)}
                  >
                    {t("clear")}
                  </button>
                  <label class="block-toggle">
                    <input
                      type="checkbox"
                      checked={blocked}
                      disabled={busy}
                      data-block={c}
                      aria-label={t("blockLabel", name)}
                      onChange={(e) => actions.onBlock(c as OptionalCategory, e.currentTarget.checked)}
                    />
                    {t("block")}
                  </label>
                </>
              ) : c === "necessary" ? (
                <span class="never">{t("neverBlocked")}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <button type="button" disabled={busy} data-block-all="" onClick={() => actions.onBlockAll()}>
        {t("blockAll")}
      </button>
    </section>
  );
}
