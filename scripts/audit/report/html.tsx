/** The self-contained HTML report, rendered with Preact to a string: inline CSS, inline SVG, no script. */
import { renderToString } from "preact-render-to-string";
import { FINDING_TYPES } from "../../../shared/model.ts";
import type { AuditReport, Scenario } from "../types.ts";
import { CategoryChart } from "./chart.tsx";
import {
  CATEGORY_LABEL,
  CLASSIFIER_LABEL,
  FINDING_EXPLAINED,
  FINDING_LABEL,
  KIND_LABEL,
  SCENARIO_EXPLAINED,
  SCENARIO_LABEL,
} from "./labels.ts";
import { STYLE } from "./style.ts";
import { type ScenarioSummary, summarize } from "./summary.ts";
import { Consent, Pages, ThirdParties } from "./tables.tsx";
import { type FindingRow, findingRows, formatRetention, type ItemRow, itemRows } from "./view.ts";

const scenarioList = (scenarios: Scenario[]) => scenarios.map((s) => SCENARIO_LABEL[s]).join(", ");

function Category({ value }: { value: string | undefined }) {
  const c = value ?? "unknown";
  return <span class={`cat cat-${c}`}>{CATEGORY_LABEL[c] ?? c}</span>;
}

function SummaryCard({ s }: { s: ScenarioSummary }) {
  const optional = s.itemsByCategory.functional + s.itemsByCategory.analytics + s.itemsByCategory.marketing;
  const problems = FINDING_TYPES.filter((t) => t !== "declared").reduce((n, t) => n + s.findings[t], 0);
  return (
    <section class="card">
      <h3>{SCENARIO_LABEL[s.scenario]}</h3>
      <p class="explain">{SCENARIO_EXPLAINED[s.scenario]}</p>
      <p>
        {s.pages} page{s.pages === 1 ? "" : "s"} audited
        {s.failedPages > 0 && `, ${s.failedPages} could not be loaded`}. {optional} optional item
        {optional === 1 ? "" : "s"} and {s.itemsByCategory.necessary} strictly necessary item
        {s.itemsByCategory.necessary === 1 ? "" : "s"} stored; {s.itemsByCategory.unknown} unclassified.
      </p>
      <p class={problems ? "bad" : "good"}>
        {problems ? `${problems} problem finding${problems === 1 ? "" : "s"}` : "No problem findings"}
      </p>
      <ul class="counts">
        {FINDING_TYPES.filter((t) => t !== "declared" && s.findings[t] > 0).map((t) => (
          <li key={t}>
            {FINDING_LABEL[t]}: {s.findings[t]}
          </li>
        ))}
      </ul>
      {s.unanswered > 0 && (
        <p class="warn">
          On {s.unanswered} page{s.unanswered === 1 ? "" : "s"} no consent banner could be answered: these
          pages were audited as if the visitor had made no choice.
        </p>
      )}
    </section>
  );
}

function FindingsTable({ rows }: { rows: FindingRow[] }) {
  if (rows.length === 0)
    return <p class="good">No problems found: every stored item is declared and respected.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Finding</th>
          <th>Item</th>
          <th>Category</th>
          <th>Scenarios</th>
          <th>Pages</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} class={`f-${r.type}`}>
            <td>
              <strong>{FINDING_LABEL[r.type]}</strong>
              <div class="explain">{r.message}</div>
            </td>
            <td>
              {r.item ? (
                <>
                  <code>{r.item.name}</code>
                  <div class="explain">
                    {KIND_LABEL[r.item.kind]} · {r.item.domain ?? r.item.origin}
                  </div>
                </>
              ) : (
                "—"
              )}
            </td>
            <td>
              {r.item || r.category ? (
                <Category value={r.category ?? r.item?.classification.category} />
              ) : (
                "—"
              )}
            </td>
            <td>{scenarioList(r.scenarios)}</td>
            <td>
              <Pages pages={r.pages} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ItemsTable({ rows }: { rows: ItemRow[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Item</th>
          <th>Category</th>
          <th>Purpose</th>
          <th>Policy clause</th>
          <th>Provider</th>
          <th>Declared retention</th>
          <th>Actual retention</th>
          <th>Set by</th>
          <th>Classified by</th>
          <th>Seen</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const c = r.item.classification;
          return (
            <tr key={r.key}>
              <td>
                <code>{r.item.name}</code>
                <div class="explain">
                  {KIND_LABEL[r.item.kind]} · {r.item.domain ?? r.item.origin}
                  {r.item.partitionKey && ` · partitioned under ${r.item.partitionKey}`}
                  {r.item.httpOnly && " · HttpOnly"}
                </div>
              </td>
              <td>
                <Category value={c.category} />
              </td>
              <td>{c.purposeLabel ?? "—"}</td>
              <td>{c.policyRef ?? "—"}</td>
              <td>{c.provider ?? "—"}</td>
              <td>{formatRetention(c.declaredMaxAgeSeconds)}</td>
              <td>{r.item.kind === "cookie" ? formatRetention(r.retentionSeconds) : "until deleted"}</td>
              <td>
                {r.item.setBy === "http"
                  ? "server (Set-Cookie)"
                  : r.item.setBy === "js"
                    ? "page script"
                    : "—"}
              </td>
              <td>{CLASSIFIER_LABEL[c.classifier] ?? c.classifier}</td>
              <td>{scenarioList(r.scenarios)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Report({ report }: { report: AuditReport }) {
  const summaries = summarize(report);
  const findings = findingRows(report);
  const affected = new Set(findings.flatMap((f) => f.pages)).size;
  const failed = report.pages.filter((p) => p.status === "error");
  const site = report.registry.name ?? (report.urls[0] ? new URL(report.urls[0]).hostname : "site");
  const ext = report.browser.extension;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`Storage audit — ${site}`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <header>
          <h1>Storage audit — {site}</h1>
          <p>
            {report.urls.length} page{report.urls.length === 1 ? "" : "s"} checked in a real browser (Chromium{" "}
            {report.browser.version}) on {report.generatedAt.slice(0, 10)}, each scenario in a fresh browser
            profile.
          </p>
          <p>
            Compared with:{" "}
            {report.registry.source === "none"
              ? "no registry — items were classified with the Open Cookie Database and all are reported as undeclared"
              : `${report.registry.name ?? "registry"} revision ${report.registry.revision ?? "?"} (${CLASSIFIER_LABEL[report.registry.source]}${report.registry.location ? `: ${report.registry.location}` : ""})`}
            .
          </p>
          {ext && (
            <p class="note">
              The {ext.name ?? "browser"} extension{ext.version ? ` ${ext.version}` : ""} was installed in
              every profile during the audit: what it blocks or clears is reflected in the results.
            </p>
          )}
        </header>
        <p class={findings.length ? "verdict bad" : "verdict good"}>
          {findings.length
            ? `Result: ${findings.length} problem${findings.length === 1 ? "" : "s"} found, on ${affected} of ${report.urls.length} page${report.urls.length === 1 ? "" : "s"}.`
            : "Result: no problems found."}
        </p>
        <h2>Summary</h2>
        <div class="cards">
          {summaries.map((s) => (
            <SummaryCard s={s} key={s.scenario} />
          ))}
        </div>
        <h2>Findings</h2>
        <FindingsTable rows={findings} />
        <h2>Items per category</h2>
        <CategoryChart summaries={summaries} />
        <h2>Every stored item</h2>
        <ItemsTable rows={itemRows(report)} />
        <h2>Consent answers</h2>
        <Consent report={report} />
        <h2>Third-party hosts contacted</h2>
        <ThirdParties report={report} />
        {failed.length > 0 && (
          <>
            <h2>Pages that could not be audited</h2>
            <ul>
              {failed.map((p) => (
                <li key={`${p.url}|${p.scenario}`}>
                  <span class="url">{p.url}</span> ({SCENARIO_LABEL[p.scenario]}): {p.error}
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>What the findings mean</h2>
        <dl>
          {FINDING_TYPES.map((t) => (
            <div key={t}>
              <dt>{FINDING_LABEL[t]}</dt>
              <dd>{FINDING_EXPLAINED[t]}</dd>
            </div>
          ))}
        </dl>
      </body>
    </html>
  );
}

export function renderHtml(report: AuditReport): string {
  return `<!doctype html>\n${renderToString(<Report report={report} />)}\n`;
}
