import { Component } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
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
    <tr class={problems.length > 0 ? "row item attention" : "row item"}>
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

/** Rows in the first render; the rest follow in chunks on the next tasks, so the popup shows at once. */
export const FIRST_ROWS = 120;
const CHUNK = 400;

interface ChunkProps {
  rows: readonly InventoryItem[];
  t: Translate;
  lang: Lang;
}

/** A run of rows that re-renders only when its slice changes (later chunks don't re-diff earlier ones). */
class Chunk extends Component<ChunkProps> {
  shouldComponentUpdate(next: ChunkProps) {
    return next.rows !== this.props.rows || next.lang !== this.props.lang || next.t !== this.props.t;
  }
  render({ rows, t, lang }: ChunkProps) {
    return rows.map((row) => <Row key={row.key} row={row} t={t} lang={lang} />);
  }
}

/**
 * A table whose rows are laid out as CSS grids (popup.css): table layout of 2,000 rows costs seconds, while
 * grid rows with `content-visibility: auto` lay out only what is on screen.
 */
export function ItemTable({ rows, t, lang }: { rows: readonly InventoryItem[]; t: Translate; lang: Lang }) {
  const chunks = useMemo(() => {
    const out = [rows.slice(0, FIRST_ROWS)];
    for (let i = FIRST_ROWS; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
    return out;
  }, [rows]);
  const [shown, setShown] = useState(1);
  useEffect(() => setShown(1), [chunks]);
  useEffect(() => {
    if (shown >= chunks.length) return;
    const timer = setTimeout(() => setShown((n) => n + 1), 0);
    return () => clearTimeout(timer);
  }, [shown, chunks]);
  return (
    <table class="items" aria-rowcount={rows.length + 1}>
      <thead>
        <tr class="row head">
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {t(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {chunks.slice(0, shown).map((chunk, i) => (
          <Chunk key={i} rows={chunk} t={t} lang={lang} />
        ))}
      </tbody>
    </table>
  );
}
