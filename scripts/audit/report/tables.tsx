/** Report tables of secondary detail: pages lists, consent answers, third-party hosts. */
import type { AuditReport } from "../types.ts";
import { SCENARIO_LABEL } from "./labels.ts";

export function Pages({ pages }: { pages: string[] }) {
  const shown = pages.slice(0, 4);
  return (
    <>
      {shown.map((p) => (
        <div class="url" key={p}>
          {p}
        </div>
      ))}
      {pages.length > shown.length && <div class="more">and {pages.length - shown.length} more</div>}
    </>
  );
}

export function ThirdParties({ report }: { report: AuditReport }) {
  const hosts = new Map<string, { requests: number; withCookies: number; pages: Set<string> }>();
  for (const page of report.pages)
    for (const t of page.thirdParty) {
      const h = hosts.get(t.host) ?? { requests: 0, withCookies: 0, pages: new Set<string>() };
      hosts.set(t.host, h);
      h.requests += t.requests;
      h.withCookies += t.withCookies;
      h.pages.add(page.url);
    }
  if (hosts.size === 0) return <p>No requests to third-party hosts.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Host</th>
          <th>Requests</th>
          <th>Of which carried cookies</th>
          <th>Pages</th>
        </tr>
      </thead>
      <tbody>
        {[...hosts.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([host, h]) => (
            <tr key={host}>
              <td>
                <code>{host}</code>
              </td>
              <td>{h.requests}</td>
              <td>{h.withCookies}</td>
              <td>
                <Pages pages={[...h.pages]} />
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

export function Consent({ report }: { report: AuditReport }) {
  const pages = report.pages.filter((p) => p.scenario !== "before-consent" && p.status === "ok");
  if (pages.length === 0) return null;
  return (
    <table>
      <thead>
        <tr>
          <th>Page</th>
          <th>Scenario</th>
          <th>How consent was given</th>
        </tr>
      </thead>
      <tbody>
        {pages.map((p) => (
          <tr key={`${p.url}|${p.scenario}`} class={p.consent.answered ? "" : "unanswered"}>
            <td class="url">{p.url}</td>
            <td>{SCENARIO_LABEL[p.scenario]}</td>
            <td>
              {p.consent.answered
                ? p.consent.method === "sdk"
                  ? "Cookie Ledger consent API"
                  : `Banner answered (${p.consent.cmp})`
                : (p.consent.note ?? "Not answered")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
