import type { InventoryItem } from "../../shared/protocol/messages.ts";
import { formatExpiry, formatMaxAge, formatSize, formatTime } from "./format.ts";
import { type Lang, messageKey, type Translate } from "./i18n.ts";

interface RowProps {
  row: InventoryItem;
  t: Translate;
  lang: Lang;
}

/** One item. Every registry or page-supplied string is a text child: Preact escapes it, never parses it. */
function Row({ row, t, lang }: RowProps) {
  const o = row.item;
  const none = t("notDeclared");
  const where = `${o.domain ?? o.origin ?? ""}${o.path && o.path !== "/" ? o.path : ""}`;
  const category = row.category ?? "unknown";
  const problems = row.findings.filter((f) => f !== "declared");
  return (
    <tr class={problems.length > 0 ? "attention" : undefined}>
      <th scope="row">
        <span class="name">{o.name}</span>
        <span class="where">{where}</span>
        {o.httpOnly ? <span class="flag">{t("httpOnly")}</span> : null}
        {o.partitionKey ? <span class="flag">{t("partitioned", o.partitionKey)}</span> : null}
        {problems.map((f) => (
          <span key={f} class="finding">
            {t(messageKey("finding", f))}
          </span>
        ))}
      </th>
      <td>{t(messageKey("kind", o.kind))}</td>
      <td>
        <span class={`cat cat-${category}`}>{t(messageKey("category", category))}</span>
      </td>
      <td>
        {row.purpose ? <span class="purpose">{row.purpose.label[lang]}</span> : null}
        {row.description ? <span class="desc">{row.description[lang]}</span> : null}
        {row.purpose ? <span class="policy">{t("policyClause", row.purpose.policyRef)}</span> : null}
      </td>
      <td>{row.provider?.name ?? none}</td>
      <td>{formatMaxAge(row.declaredMaxAgeSeconds, t("session"), none)}</td>
      <td>{formatExpiry(o.expires, t("session"), none, lang)}</td>
      <td>{formatSize(o.size, none)}</td>
      <td>{t(messageKey("setBy", o.setBy ?? "unknown"))}</td>
      <td>{formatTime(row.firstSeen, none, lang)}</td>
      <td>{t(messageKey("source", row.classifier))}</td>
    </tr>
  );
}

const COLUMNS = [
  "col_name",
  "col_kind",
  "col_category",
  "col_purpose",
  "col_provider",
  "col_declaredExpiry",
  "col_actualExpiry",
  "col_size",
  "col_setBy",
  "col_firstSeen",
  "col_source",
];

export function ItemTable({ rows, t, lang }: { rows: readonly InventoryItem[]; t: Translate; lang: Lang }) {
  return (
    <table class="items">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {t(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Row key={row.key} row={row} t={t} lang={lang} />
        ))}
      </tbody>
    </table>
  );
}
