/**
 * JUnit XML: one <testsuite> per scenario, and in it one <testcase> per page and finding type, so CI systems
 * list findings natively. A test case fails when its page has findings of a type the run fails on; a page
 * that could not be audited is one <testcase> with an <error>. `declared-not-observed`, judged over the whole
 * audit, is one more case (classname "registry").
 */
import { FINDING_TYPES, type FindingType } from "../../../shared/model.ts";
import type { AuditReport, PageResult } from "../types.ts";
import { notObservedEntries, notObservedScenario } from "./view.ts";

/** The problem types a JUnit file fails on when `--fail-on` names none. */
export const DEFAULT_JUNIT_FAILURES: readonly FindingType[] = [
  "undeclared",
  "set-before-consent",
  "present-while-blocked",
  "retention-exceeds-declared",
];

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const attrs = (pairs: Record<string, string | number>) =>
  Object.entries(pairs)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join("");

interface Case {
  xml: string;
  failed: boolean;
  error: boolean;
}

function pageCases(page: PageResult, failing: readonly FindingType[]): Case[] {
  const seconds = (page.durationMs / 1000).toFixed(3);
  if (page.status === "error") {
    const message = page.error ?? "page could not be audited";
    return [
      {
        xml: `    <testcase${attrs({ classname: page.url, name: "page audited", time: seconds })}>\n      <error${attrs({ message, type: "page-error" })}/>\n    </testcase>`,
        failed: false,
        error: true,
      },
    ];
  }
  return FINDING_TYPES.map((type) => {
    const found = page.findings.filter((f) => f.type === type);
    const head = `    <testcase${attrs({ classname: page.url, name: type, time: "0" })}`;
    if (found.length === 0) return { xml: `${head}/>`, failed: false, error: false };
    const body = xmlEscape(found.map((f) => f.message).join("\n"));
    if (!failing.includes(type))
      return {
        xml: `${head}>\n      <system-out>${body}</system-out>\n    </testcase>`,
        failed: false,
        error: false,
      };
    const message = `${found.length} ${type} finding${found.length === 1 ? "" : "s"}`;
    return {
      xml: `${head}>\n      <failure${attrs({ message, type })}>${body}</failure>\n    </testcase>`,
      failed: true,
      error: false,
    };
  });
}

/** `declared-not-observed` is judged over the whole audit: one case for the registry, in its scenario's suite. */
function registryCase(report: AuditReport, failing: readonly FindingType[]): Case {
  const entries = notObservedEntries(report);
  const head = `    <testcase${attrs({ classname: "registry", name: "declared-not-observed", time: "0" })}`;
  if (entries.length === 0) return { xml: `${head}/>`, failed: false, error: false };
  const body = xmlEscape(
    entries.map((e) => `${e.split("|").slice(0, 2).join(" ")} is declared but no page stored it`).join("\n"),
  );
  if (!failing.includes("declared-not-observed"))
    return {
      xml: `${head}>\n      <system-out>${body}</system-out>\n    </testcase>`,
      failed: false,
      error: false,
    };
  const message = `${entries.length} declared entr${entries.length === 1 ? "y" : "ies"} never observed`;
  return {
    xml: `${head}>\n      <failure${attrs({ message, type: "declared-not-observed" })}>${body}</failure>\n    </testcase>`,
    failed: true,
    error: false,
  };
}

export function renderJunit(report: AuditReport, failOn: readonly FindingType[]): string {
  const failing = failOn.length ? failOn : DEFAULT_JUNIT_FAILURES;
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites = report.options.scenarios.map((scenario) => {
    const cases = report.pages.filter((p) => p.scenario === scenario).flatMap((p) => pageCases(p, failing));
    if (scenario === notObservedScenario(report)) cases.push(registryCase(report, failing));
    const f = cases.filter((c) => c.failed).length;
    const e = cases.filter((c) => c.error).length;
    tests += cases.length;
    failures += f;
    errors += e;
    const head = `  <testsuite${attrs({ name: scenario, tests: cases.length, failures: f, errors: e, skipped: 0 })}>`;
    return [head, ...cases.map((c) => c.xml), "  </testsuite>"].join("\n");
  });
  const root = `<testsuites${attrs({ name: "cookie-ledger audit", tests, failures, errors })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites, "</testsuites>", ""].join("\n");
}
