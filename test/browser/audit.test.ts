import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemKey } from "../../scripts/audit/collect.ts";
import { renderJunit } from "../../scripts/audit/report/junit.ts";
import { runAudit } from "../../scripts/audit/run.ts";
import type { AuditReport, PageResult } from "../../scripts/audit/types.ts";
import { loadGroundTruth, refersTo } from "../support/ground-truth.ts";
import { type PropertySet, startPropertySet } from "../support/property-set.ts";
import { propertySetOptions } from "./audit-helpers.ts";

// jsdom ships no type declarations; this is the little of it the JUnit check uses.
type Jsdom = new (html: string) => { window: Window & typeof globalThis };
const { JSDOM } = createRequire(import.meta.url)("jsdom") as { JSDOM: Jsdom };

const truth = loadGroundTruth();
const ref = (i: { kind: string; name: string; domain?: string; origin?: string }) =>
  `${i.kind} ${i.name} ${i.domain ?? i.origin}`;

describe("audit of the property set without the SDK", () => {
  let ps: PropertySet;
  let report: AuditReport;
  const pagesOf = (scenario: string) => report.pages.filter((p) => p.scenario === scenario);
  const pageFor = (url: string, scenario: string): PageResult => {
    const page = report.pages.find((p) => p.url === url && p.scenario === scenario);
    if (!page) throw new Error(`${url} (${scenario}) was not audited`);
    return page;
  };

  beforeAll(async () => {
    ps = await startPropertySet({ sdk: false });
    report = await runAudit(propertySetOptions(ps, ["--depth=2", "--pages=20"]));
  }, 300_000);
  afterAll(async () => {
    await ps?.stop();
  });

  it("crawls every page of the property set and audits it in every scenario", () => {
    expect(report.urls).toEqual(truth.pages.map((p) => p.url).sort());
    expect(report.pages.filter((p) => p.status === "error")).toEqual([]);
    expect(report.registry.source).toBe("well-known");
  });

  it("collects exactly the ground truth's items, with how each was set", () => {
    for (const tp of truth.pages) {
      const page = pageFor(tp.url, "before-consent");
      expect(page.items.map(ref).sort(), tp.url).toEqual(tp.items.map(ref).sort());
      for (const want of tp.items) {
        const got = page.items.find((i) => refersTo(want, i));
        expect(got?.setBy, `${tp.url} ${ref(want)}`).toBe(want.setBy);
        expect(got?.partitionKey ?? null, `${tp.url} ${ref(want)}`).toBe(want.partitionKey ?? null);
        expect(got?.classification.category ?? null, `${tp.url} ${ref(want)}`).toBe(want.category);
      }
    }
  });

  it("finds every planted problem", () => {
    for (const tp of truth.pages)
      for (const problem of tp.problems) {
        const page = pageFor(tp.url, "before-consent");
        const found = page.findings.some((f) => {
          const item = page.items.find((i) => itemKey(i) === f.itemKey);
          return f.type === problem.type && item !== undefined && refersTo(problem.item, item);
        });
        expect(found, `${tp.url}: ${problem.type} ${ref(problem.item)}`).toBe(true);
      }
  });

  it("reports nothing that is not planted", () => {
    for (const page of report.pages) {
      const tp = truth.pages.find((p) => p.url === page.url)!;
      for (const f of page.findings) {
        const item = page.items.find((i) => itemKey(i) === f.itemKey)!;
        const where = `${page.url} (${page.scenario}): ${f.type} ${ref(item)}`;
        if (f.type === "declared") continue;
        // Without the SDK nothing answers consent, so every optional item is stored before consent.
        if (f.type === "set-before-consent") {
          expect(item.classification.category, where).not.toBe("necessary");
          continue;
        }
        expect(
          tp.problems.some((p) => p.type === f.type && refersTo(p.item, item)),
          where,
        ).toBe(true);
      }
    }
  });

  it("says that no banner could be answered on pages without one", () => {
    for (const page of [...pagesOf("reject-all"), ...pagesOf("accept-all")]) {
      expect(page.consent.answered).toBe(false);
      expect(page.consent.note).toBe("no consent banner could be answered");
    }
  });

  it("counts third-party requests and those carrying cookies", () => {
    const www = pageFor("https://www.dingtalk.com/", "before-consent");
    expect(www.thirdParty.map((t) => t.host)).toEqual(
      expect.arrayContaining(["ads.adnet.test", "analytics.tracker.test"]),
    );
    expect(www.thirdParty.every((t) => t.requests >= t.withCookies)).toBe(true);
  });

  it("writes a JUnit file that parses, with a failure per planted problem type", () => {
    const xml = renderJunit(report, ["undeclared", "retention-exceeds-declared"]);
    const doc = new new JSDOM("").window.DOMParser().parseFromString(xml, "application/xml");
    expect(doc.getElementsByTagName("parsererror").length).toBe(0);
    const failed = [...doc.getElementsByTagName("failure")].map(
      (f) => `${f.parentElement?.getAttribute("classname")} ${f.getAttribute("type")}`,
    );
    expect(new Set(failed)).toEqual(
      new Set([
        "https://www.dingtalk.com/ undeclared",
        "https://www.dingtalk.com/ retention-exceeds-declared",
        "https://h5.dingtalk.com/ undeclared",
      ]),
    );
  });
});
