/** The audit on the property set with the SDK in every page: consent through its API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "../../scripts/audit/run.ts";
import type { AuditItem, AuditReport } from "../../scripts/audit/types.ts";
import { type PropertySet, startPropertySet } from "../support/property-set.ts";
import { propertySetOptions } from "./audit-helpers.ts";

const site = (host: string) => host.split(".").slice(-2).join(".");

/**
 * First-party storage, or a first-party cookie script on the page can read (not HttpOnly, path covering the
 * page): what an in-page SDK can keep out (docs/sdk.md, "Limits").
 */
function reachable(item: AuditItem, url: string): boolean {
  const { hostname, pathname, origin } = new URL(url);
  if (item.kind !== "cookie") return item.origin === origin;
  const path = item.path ?? "/";
  return (
    !item.httpOnly &&
    site(item.domain ?? "") === site(hostname) &&
    (path === "/" || pathname.startsWith(path))
  );
}

describe("audit of the property set with the SDK", () => {
  let ps: PropertySet;
  let report: AuditReport;

  beforeAll(async () => {
    ps = await startPropertySet({ sdk: true });
    report = await runAudit(propertySetOptions(ps, ["--depth=2", "--scenarios=reject-all,accept-all"]));
  }, 300_000);
  afterAll(async () => {
    await ps?.stop();
  });

  it("answers consent through the SDK's API on every page", () => {
    expect(report.pages.length).toBeGreaterThan(0);
    for (const page of report.pages) {
      expect(page.status, page.url).toBe("ok");
      expect(page.sdk, page.url).toBe(true);
      expect(page.consent, `${page.url} ${page.scenario}`).toEqual({ method: "sdk", answered: true });
    }
  });

  it("with reject all, no non-essential item within the page's reach is stored", () => {
    const stored = report.pages
      .filter((p) => p.scenario === "reject-all")
      .flatMap((p) =>
        p.items
          .filter((i) => i.classification.category !== undefined && i.classification.category !== "necessary")
          .filter((i) => reachable(i, p.url))
          .map((i) => `${p.url}: ${i.kind} ${i.name} ${i.domain ?? i.origin} (${i.classification.category})`),
      );
    expect(stored).toEqual([]);
  });

  it("with accept all, the server's consent-filtered cookie arrives on the next request", () => {
    const www = report.pages.find(
      (p) => p.url === "https://www.dingtalk.com/" && p.scenario === "accept-all",
    );
    expect(www?.items.map((i) => i.name)).toContain("dingtalk_adseg");
    const reject = report.pages.find(
      (p) => p.url === "https://www.dingtalk.com/" && p.scenario === "reject-all",
    );
    expect(reject?.items.map((i) => i.name)).not.toContain("dingtalk_adseg");
  });
});
