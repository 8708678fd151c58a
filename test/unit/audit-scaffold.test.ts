import { describe, expect, it } from "vitest";
import { scaffoldRegistry } from "../../scripts/audit/scaffold.ts";
import { loadRegistry } from "../../shared/registry/load.ts";
import { sampleReport } from "./audit-fixture.ts";

describe("audit scaffold", () => {
  const registry = scaffoldRegistry(sampleReport(), "2026-11-25");

  it("drafts a registry that validates", () => {
    const loaded = loadRegistry(JSON.parse(JSON.stringify(registry)));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    expect(registry.properties).toEqual(["example.com"]);
    expect(registry.revision).toBe("draft-2026-11-25");
  });

  it("has one inferred entry per distinct item", () => {
    expect(registry.entries.map((e) => `${e.kind}:${e.name}@${e.domain}`)).toEqual([
      "cookie:_ga@example.com",
      "cookie:sid@www.example.com",
      'cookie:x<y&"z\u0001@www.example.com',
      "localStorage:theme@www.example.com",
    ]);
    for (const e of registry.entries) expect(e.source).toBe("inferred");
  });

  it("classifies from what the audit knew, and drafts the unknown as marketing with a note", () => {
    const byName = new Map(registry.entries.map((e) => [e.name, e]));
    expect(byName.get("_ga")).toMatchObject({
      purpose: "inferred-analytics",
      provider: { name: "Google" },
      maxAgeSeconds: 86400,
    });
    expect(byName.get("sid")).toMatchObject({ purpose: "inferred-necessary", maxAgeSeconds: null });
    expect(byName.get("theme")).toMatchObject({ purpose: "inferred-marketing" });
    expect(byName.get("theme")?.description?.en).toMatch(/review/);
    expect(byName.get("theme")?.maxAgeSeconds).toBeUndefined();
    expect(Object.keys(registry.purposes).sort()).toEqual([
      "inferred-analytics",
      "inferred-marketing",
      "inferred-necessary",
    ]);
  });
});
