import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../shared/registry/errors.ts";
import { loadRegistry, type RegistryIssue } from "../../shared/registry/load.ts";
import type { Registry } from "../../shared/registry/schema.ts";
import { syntheticRegistry } from "../bench/registry-fixture.ts";

const dingtalkText = readFileSync(new URL("../../shared/registries/dingtalk.json", import.meta.url), "utf8");

function minimal(): Registry {
  return {
    format: "cookie-ledger/1",
    revision: "1",
    site: { name: "Example", policy: { url: "https://example.com/privacy", updated: "2026-01-01" } },
    properties: ["example.com"],
    purposes: {
      stats: {
        category: "analytics",
        label: { en: "Statistics", "zh-CN": "统计" },
        description: { en: "Counts visits.", "zh-CN": "统计访问。" },
        policyRef: "Part 3 §III",
      },
    },
    entries: [
      { kind: "cookie", name: "_ga_*", purpose: "stats", maxAgeSeconds: 63072000 },
      { kind: "localStorage", name: "theme", category: "functional" },
    ],
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests break documents in ways no type allows.
type AnyDocument = any;

/** Loads a mutated copy of the minimal registry and returns its errors. */
function errorsOf(mutate: (doc: AnyDocument) => void): RegistryIssue[] {
  const doc: AnyDocument = structuredClone(minimal());
  mutate(doc);
  const result = loadRegistry(JSON.stringify(doc, null, 2));
  return result.ok ? [] : result.errors;
}

const pointers = (issues: RegistryIssue[]) => issues.map((i) => i.pointer);

describe("loadRegistry", () => {
  it("accepts the minimal registry as text and as a value", () => {
    expect(loadRegistry(JSON.stringify(minimal()))).toEqual({ ok: true, registry: minimal() });
    expect(loadRegistry(minimal()).ok).toBe(true);
  });

  it("accepts the bundled DingTalk registry, with or without a byte-order mark", () => {
    expect(loadRegistry(dingtalkText).ok).toBe(true);
    expect(loadRegistry(`\uFEFF${dingtalkText}`).ok).toBe(true);
  });

  it("reports a JSON syntax error with line and column", () => {
    const result = loadRegistry('{\n  "format": "cookie-ledger/1",\n  "revision": 1,,\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ pointer: "", line: 3, column: 17, expected: "valid JSON" });
    expect(result.errors[0]?.message).toMatch(/^JSON syntax error/);
  });

  it("positions syntax errors that V8 reports without an offset", () => {
    const result = loadRegistry('{\n  "a": tru\n}');
    expect(result.ok ? undefined : result.errors[0]).toMatchObject({ line: 2, column: 11 });
    const empty = loadRegistry("");
    expect(empty.ok ? undefined : empty.errors[0]).toMatchObject({
      line: 1,
      column: 1,
      found: "end of input",
    });
  });

  it("reports every error at once, in document order, each with pointer, expected and found", () => {
    const errors = errorsOf((doc) => {
      doc.entries[0].categry = "analytics";
      doc.entries[1].kind = "cookiee";
      doc.site.policy.url = "not a url";
      delete doc.revision;
    });
    expect(pointers(errors)).toEqual([
      "/revision",
      "/site/policy/url",
      "/entries/0/categry",
      "/entries/1/kind",
    ]);
    expect(errors[2]).toMatchObject({ found: '"categry"' });
    expect(errors[2]?.message).toContain('did you mean "category"');
    expect(errors[3]?.expected).toContain('"localStorage"');
    expect(errors[3]?.found).toBe('"cookiee"');
    for (const issue of errors) expect(issue.line).toBeGreaterThan(0);
  });

  it("accepts x- extension keys anywhere but rejects other unknown keys", () => {
    expect(
      errorsOf((doc) => {
        doc["x-generator"] = "hand";
        doc.entries[0]["x-owner"] = { team: "web" };
        doc.purposes.stats.label["x-note"] = 1;
      }),
    ).toEqual([]);
    expect(pointers(errorsOf((doc) => (doc.purposes.stats.labels = {})))).toEqual(["/purposes/stats/labels"]);
  });

  it("rejects duplicate entries (same kind, name, domain and path)", () => {
    const errors = errorsOf((doc) => {
      doc.entries.push({ kind: "cookie", name: "_ga_*", category: "analytics" });
      doc.entries.push({ kind: "cookie", name: "_ga_*", category: "analytics", path: "/other" });
      doc.entries.push({ kind: "localStorage", name: "_ga_*", category: "analytics" });
    });
    expect(pointers(errors)).toEqual(["/entries/2"]);
    expect(errors[0]?.found).toBe("the same as /entries/0");
  });

  it("rejects a purpose that does not exist or disagrees with the category", () => {
    const errors = errorsOf((doc) => {
      doc.entries[0].purpose = "statz";
      doc.entries[1].purpose = "stats";
    });
    expect(pointers(errors)).toEqual(["/entries/0/purpose", "/entries/1/category"]);
    expect(errors[0]?.expected).toContain('"stats"');
    expect(errors[1]).toMatchObject({ found: '"functional"' });
    expect(errors[1]?.expected).toContain('"analytics"');
  });

  it("requires a category unless the purpose supplies one", () => {
    expect(pointers(errorsOf((doc) => delete doc.entries[1].category))).toEqual(["/entries/1/category"]);
  });

  it("rejects names over 4,096 characters", () => {
    expect(errorsOf((doc) => (doc.entries[1].name = "k".repeat(4096)))).toEqual([]);
    const errors = errorsOf((doc) => (doc.entries[1].name = "k".repeat(4097)));
    expect(errors).toMatchObject([{ pointer: "/entries/1/name", found: "4097 characters" }]);
  });

  it("rejects path and partitioned on non-cookie kinds", () => {
    expect(errorsOf((doc) => Object.assign(doc.entries[0], { path: "/", partitioned: true }))).toEqual([]);
    const errors = errorsOf((doc) => Object.assign(doc.entries[1], { path: "/", partitioned: true }));
    expect(pointers(errors)).toEqual(["/entries/1/path", "/entries/1/partitioned"]);
  });

  it("rejects prototype keys as purpose ids and anywhere else", () => {
    const text = JSON.stringify(minimal()).replace(
      '"purposes":{',
      '"purposes":{"__proto__":{"category":"necessary"},"constructor":{},"toString":{"category":"necessary","label":{"en":"a","zh-CN":"a"},"description":{"en":"a","zh-CN":"a"},"policyRef":"a"},',
    );
    const result = loadRegistry(text);
    expect(result.ok ? [] : pointers(result.errors)).toEqual([
      "/purposes/__proto__",
      "/purposes/constructor",
      "/purposes/toString",
    ]);
    expect(Object.prototype).not.toHaveProperty("category");
  });

  it("says an array is not an object once, not once per missing key", () => {
    expect(errorsOf((doc) => (doc.site = []))).toMatchObject([
      { pointer: "/site", expected: "an object", found: "an array of 0" },
    ]);
    expect(loadRegistry([])).toMatchObject({ ok: false, errors: [{ pointer: "", expected: "an object" }] });
  });

  it("escapes pointer segments", () => {
    const errors = errorsOf((doc) => (doc.purposes["a/b~c"] = {}));
    expect(pointers(errors)[0]).toBe("/purposes/a~1b~0c");
  });

  it("formats one line per issue with file, line, column and pointer", () => {
    const [issue] = errorsOf((doc) => (doc.entries[1].kind = "cookiee"));
    expect(formatIssue(issue!, "site.json")).toMatch(
      /^site\.json:\d+:\d+: \/entries\/1\/kind: expected .*, found "cookiee"$/,
    );
  });

  it("reports an error in the last entry of a 5 MB registry with that entry's index", () => {
    const registry = syntheticRegistry(5_000_000);
    const last = registry.entries.length - 1;
    (registry.entries[last] as Record<string, unknown>).category = "nope";
    delete registry.entries[last]!.purpose;
    const text = JSON.stringify(registry, null, 2);
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(5_000_000);
    const result = loadRegistry(text);
    expect(result.ok ? [] : pointers(result.errors)).toEqual([`/entries/${last}/category`]);
  });
});
