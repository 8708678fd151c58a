/** The audit on the property set with the SDK in every page: consent through its API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "../../scripts/audit/run.ts";
import type { AuditReport } from "../../scripts/audit/types.ts";
import { isSdkItem, itemKey, loadGroundTruth, sdkModeItems } from "../support/ground-truth.ts";
import { type PropertySet, startPropertySet } from "../support/property-set.ts";
import { propertySetOptions } from "./audit-helpers.ts";

const truth = loadGroundTruth();

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

  it("with reject all, no non-essential item is stored", () => {
    const rejected = report.pages.filter((p) => p.scenario === "reject-all");
    expect(rejected.length).toBeGreaterThan(0);
    const stored = rejected.flatMap((p) =>
      p.items
        .filter((i) => i.classification.category !== undefined && i.classification.category !== "necessary")
        .map((i) => `${p.url}: ${i.kind} ${i.name} ${i.domain ?? i.origin} (${i.classification.category})`),
    );
    expect(stored).toEqual([]);
  });

  it.each(["reject-all", "accept-all"] as const)(
    "with %s, each page of the ground truth holds exactly what its sdkMode rule says",
    (scenario) => {
      const audited = report.pages.filter(
        (p) => p.scenario === scenario && truth.pages.some((t) => t.url === p.url),
      );
      // The crawl reaches the home pages and the pages they link to, the sign-in and the messenger among them.
      expect(audited.length).toBeGreaterThanOrEqual(4);
      const differences = audited.flatMap((p) => {
        const got = new Set(p.items.filter((i) => !isSdkItem(truth, i)).map(itemKey));
        const want = new Set(sdkModeItems(truth, p.url, scenario).map(itemKey));
        return [
          ...[...got].filter((k) => !want.has(k)).map((k) => `${p.url}: unexpected ${k}`),
          ...[...want].filter((k) => !got.has(k)).map((k) => `${p.url}: missing ${k}`),
        ];
      });
      expect(differences).toEqual([]);
    },
  );

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
