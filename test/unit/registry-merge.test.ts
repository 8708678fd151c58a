import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../shared/registry/load.ts";
import { mergeRegistries } from "../../shared/registry/merge.ts";
import type { Purpose, Registry, RegistryEntry } from "../../shared/registry/schema.ts";

function purpose(category: Purpose["category"], en: string): Purpose {
  return { category, label: { en, "zh-CN": en }, description: { en, "zh-CN": en }, policyRef: "§1" };
}

function registry(name: string, entries: RegistryEntry[], purposes: Registry["purposes"] = {}): Registry {
  return {
    format: "cookie-ledger/1",
    revision: `${name}-1`,
    site: { name, policy: { url: `https://${name}.example/privacy`, updated: "2026-01-01" } },
    properties: [`${name}.example`],
    purposes,
    entries,
  };
}

describe("mergeRegistries", () => {
  const sdk = registry(
    "sdk",
    [
      { kind: "cookie", name: "sid", purpose: "login" },
      { kind: "cookie", name: "_ga", domain: "Example.com", category: "analytics" },
    ],
    { login: purpose("necessary", "Sign-in") },
  );
  const bundled = registry(
    "bundled",
    [
      { kind: "cookie", name: "_ga", domain: ".example.com", category: "marketing" },
      { kind: "cookie", name: "pref", purpose: "login" },
      { kind: "localStorage", name: "sid", category: "functional" },
    ],
    { login: purpose("functional", "Remember login") },
  );
  const community = registry("ocd", [{ kind: "cookie", name: "sid", category: "marketing" }]);

  it("orders layers by precedence whatever order they are given in, keeping each entry's origin", () => {
    const merged = mergeRegistries([
      { registry: community, origin: "open-cookie-database" },
      { registry: bundled, origin: "bundled" },
      { registry: sdk, origin: "sdk" },
    ]);
    expect(merged.entries.map((e) => [e.kind, e.name, e.origin, e.category])).toEqual([
      ["cookie", "sid", "sdk", "necessary"],
      ["cookie", "_ga", "sdk", "analytics"],
      ["cookie", "pref", "bundled", "functional"],
      ["localStorage", "sid", "bundled", "functional"],
    ]);
    expect(merged.site.name).toBe("sdk");
    expect(merged.properties).toEqual(["sdk.example", "bundled.example", "ocd.example"]);
    expect(merged.revision).toBe("sdk:sdk-1 bundled:bundled-1 open-cookie-database:ocd-1");
  });

  it("renames a lower layer's clashing purpose id and keeps identical ones shared", () => {
    const merged = mergeRegistries([
      { registry: sdk, origin: "sdk" },
      { registry: bundled, origin: "bundled" },
      {
        registry: registry("wk", [{ kind: "cookie", name: "x", purpose: "login" }], sdk.purposes),
        origin: "well-known",
      },
    ]);
    expect(Object.keys(merged.purposes).sort()).toEqual(["bundled:login", "login"]);
    const pref = merged.entries.find((e) => e.name === "pref");
    expect(pref?.purpose).toBe("bundled:login");
    expect(merged.purposes[pref!.purpose!]?.category).toBe("functional");
    expect(merged.entries.find((e) => e.name === "x")?.purpose).toBe("login");
  });

  it("produces a registry the loader accepts", () => {
    const merged = mergeRegistries([
      { registry: bundled, origin: "bundled" },
      { registry: sdk, origin: "sdk" },
    ]);
    const plain = { ...merged, entries: merged.entries.map(({ origin: _origin, ...entry }) => entry) };
    expect(loadRegistry(plain)).toMatchObject({ ok: true });
  });

  it("refuses an empty list", () => {
    expect(() => mergeRegistries([])).toThrow(RangeError);
  });
});
