import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../scripts/audit/report/html.tsx";
import { readReport, renderJson } from "../../scripts/audit/report/json.ts";
import { renderJunit, xmlEscape } from "../../scripts/audit/report/junit.ts";
import { failingCount, summarize } from "../../scripts/audit/report/summary.ts";
import { renderText } from "../../scripts/audit/report/text.ts";
import { findingRows, formatRetention, notObservedEntries } from "../../scripts/audit/report/view.ts";
import { FINDING_TYPES } from "../../shared/model.ts";
import { sampleReport } from "./audit-fixture.ts";

// jsdom ships no type declarations; this is the little of it these tests use.
type Jsdom = new (html: string) => { window: Window & typeof globalThis };
const { JSDOM } = createRequire(import.meta.url)("jsdom") as { JSDOM: Jsdom };

const parseXml = (xml: string) =>
  new new JSDOM("").window.DOMParser().parseFromString(xml, "application/xml");

describe("audit JSON report", () => {
  it("round-trips and checks its envelope", () => {
    const report = sampleReport();
    const read = readReport(renderJson(report));
    expect(read).toEqual({ ok: true, report });
    expect(readReport("{").ok).toBe(false);
    expect(readReport(JSON.stringify({ ...report, schemaVersion: 2 }))).toMatchObject({ ok: false });
    expect(readReport(JSON.stringify({ schemaVersion: 1 }))).toMatchObject({ ok: false });
  });
});

describe("audit summary", () => {
  it("counts distinct items per category and findings per scenario", () => {
    const [before, reject, accept] = summarize(sampleReport());
    expect(before!.itemsByCategory).toEqual({
      necessary: 1,
      functional: 0,
      analytics: 1,
      marketing: 0,
      unknown: 2,
    });
    expect(reject!.findings["present-while-blocked"]).toBe(2);
    expect(accept!.failedPages).toBe(1);
    // The derived "declared but never seen" is counted once, on accept-all.
    expect(accept!.findings["declared-not-observed"]).toBe(1);
    expect(before!.findings["declared-not-observed"]).toBe(0);
  });

  it("counts only the finding types asked for", () => {
    const report = sampleReport();
    expect(failingCount(report, [])).toBe(0);
    expect(failingCount(report, ["present-while-blocked"])).toBe(2);
    expect(failingCount(report, ["declared-not-observed"])).toBe(1);
    expect(notObservedEntries(report)).toEqual(["cookie|remember_me||"]);
  });

  it("groups findings by item across pages, most serious first", () => {
    const rows = findingRows(sampleReport());
    expect(rows[0]!.type).toBe("present-while-blocked");
    expect(rows[0]!.pages).toEqual(["https://www.example.com/", "https://www.example.com/b"]);
    expect(rows.filter((r) => r.type === "declared")).toEqual([]);
    expect(renderText(sampleReport())).toMatch(/could not be audited: net::ERR_CONNECTION_REFUSED/);
  });

  it("formats retention for people", () => {
    expect(formatRetention(null)).toBe("until the browser closes");
    expect(formatRetention(86400 * 2)).toBe("2 days");
    expect(formatRetention(31536000)).toBe("1 year");
    expect(formatRetention(undefined)).toBe("—");
  });
});

describe("audit JUnit report", () => {
  it("is well-formed XML with one test case per page and finding type", () => {
    const report = sampleReport();
    const doc = parseXml(renderJunit(report, []));
    expect(doc.getElementsByTagName("parsererror").length).toBe(0);
    const suites = [...doc.getElementsByTagName("testsuite")];
    expect(suites.map((s) => s.getAttribute("name"))).toEqual(["before-consent", "reject-all", "accept-all"]);
    const before = suites[0]!.getElementsByTagName("testcase");
    expect(before.length).toBe(3 * FINDING_TYPES.length);
    // The broken page is one error case; the other pages one case per finding type.
    const accept = suites[2]!;
    expect(accept.getAttribute("errors")).toBe("1");
    // …plus the broken page's error case and the registry's declared-not-observed case.
    expect(accept.getElementsByTagName("testcase").length).toBe(3 * FINDING_TYPES.length + 2);
    const failures = [...doc.getElementsByTagName("failure")];
    expect(failures.length).toBe(Number(doc.documentElement.getAttribute("failures")));
    expect(failures.some((f) => f.getAttribute("type") === "present-while-blocked")).toBe(true);
    // The item name with markup characters survives escaping; the control character is dropped.
    expect(doc.documentElement.textContent).toContain('cookie "x<y&"z" finding');
  });

  it("fails only the types named by --fail-on when given", () => {
    const doc = parseXml(renderJunit(sampleReport(), ["present-while-blocked"]));
    const types = new Set([...doc.getElementsByTagName("failure")].map((f) => f.getAttribute("type")));
    expect([...types]).toEqual(["present-while-blocked"]);
    const registry = parseXml(renderJunit(sampleReport(), ["declared-not-observed"]));
    const failure = registry.getElementsByTagName("failure")[0];
    expect(failure?.parentElement?.getAttribute("classname")).toBe("registry");
    expect(failure?.textContent).toBe("cookie remember_me is declared but no page stored it");
  });

  it("escapes XML", () => {
    expect(xmlEscape(`<a href="x">&'\u0000`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  });
});

describe("audit HTML report", () => {
  const html = renderHtml(sampleReport());
  const doc = new JSDOM(html).window.document;

  it("is self-contained: no script, no external asset", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(doc.querySelectorAll("script").length).toBe(0);
    expect(doc.querySelectorAll("link[rel=stylesheet], img, [src]").length).toBe(0);
    expect(doc.querySelector("style")?.textContent).toMatch(/font/);
    expect(doc.querySelector("svg[role=img] title")?.textContent).toMatch(/per category/);
  });

  it("puts findings before the item table and explains them in words", () => {
    const headings = [...doc.querySelectorAll("h2")].map((h) => h.textContent);
    expect(headings.indexOf("Findings")).toBeLessThan(headings.indexOf("Every stored item"));
    expect(headings.indexOf("Summary")).toBe(0);
    expect(doc.body.textContent).toContain("Stored although refused");
    expect(doc.body.textContent).toContain("Part 3 §III");
    expect(doc.body.textContent).toContain("Keep you signed in");
    expect(doc.body.textContent).toContain("Pages that could not be audited");
    expect(doc.querySelector(".verdict")?.textContent).toMatch(
      /^Result: \d+ problems found, on 3 of 4 pages\.$/,
    );
  });

  it("renders item names as text, never as markup", () => {
    expect(html).not.toContain('x<y&"z');
    expect(doc.body.textContent).toContain('x<y&"z');
  });

  it("shows one chart bar per category and scenario", () => {
    expect(doc.querySelectorAll("svg rect").length).toBe(3 * 5);
  });
});
