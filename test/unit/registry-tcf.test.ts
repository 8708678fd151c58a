import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORIES } from "../../shared/categories.ts";
import type { Registry, RegistryEntry } from "../../shared/registry/schema.ts";
import { type FromTcfOptions, fromTcf, type TcfDisclosure, toTcf } from "../../shared/registry/tcf.ts";
import { categoryFromTcf } from "../../shared/registry/tcf-mapping.ts";

const site: Registry["site"] = {
  name: "Example",
  policy: { url: "https://www.example.com/privacy", updated: "2026-01-01" },
};
const options: FromTcfOptions = {
  site,
  properties: ["example.com"],
  revision: "7",
  provider: { name: "Vendor", url: "https://vendor.example/" },
  source: "site",
};

function registryOf(entries: RegistryEntry[]): Registry {
  return {
    format: "cookie-ledger/1",
    revision: "7",
    site,
    properties: ["example.com"],
    purposes: {},
    entries,
  };
}

describe("TCF purpose mapping", () => {
  it.each([
    [[1], [], "functional"],
    [[1], [2], "necessary"],
    [[], [1], "necessary"],
    [[1, 5, 6, 11], [], "functional"],
    [[1, 8], [1], "analytics"],
    [[1, 9, 10], [], "analytics"],
    [[1, 7], [], "marketing"],
    [[1, 2, 8, 11], [], "marketing"],
  ])("purposes %j with special purposes %j → %s", (purposes, special, category) => {
    expect(categoryFromTcf(purposes, special)).toBe(category);
  });
});

describe("toTcf", () => {
  it("writes disclosures with type, max age, refresh, domain and purposes; leaves Flash out", () => {
    const registry = registryOf([
      { kind: "cookie", name: "_ga", domain: "example.com", category: "analytics", maxAgeSeconds: 63072000 },
      { kind: "sessionStorage", name: "tab", category: "necessary" },
      { kind: "flash", name: "lso", category: "marketing" },
    ]);
    const { document, warnings } = toTcf(registry);
    expect(document.disclosures).toEqual<TcfDisclosure[]>([
      {
        identifier: "_ga",
        type: "cookie",
        maxAgeSeconds: 63072000,
        cookieRefresh: false,
        domain: "example.com",
        purposes: [1, 8, 9, 10],
      },
      {
        identifier: "tab",
        type: "web",
        maxAgeSeconds: null,
        domain: "*",
        purposes: [1],
        specialPurposes: [1, 2],
      },
    ]);
    expect(warnings).toEqual(["/entries/2: Flash storage has no TCF type; left out"]);
  });

  it("takes the category from the purpose when the entry has none", () => {
    const registry: Registry = {
      ...registryOf([{ kind: "cookie", name: "ads", purpose: "ads", maxAgeSeconds: null }]),
      purposes: {
        ads: {
          category: "marketing",
          label: { en: "Ads", "zh-CN": "广告" },
          description: { en: "Ads", "zh-CN": "广告" },
          policyRef: "§2",
        },
      },
    };
    expect(toTcf(registry).document.disclosures[0]?.purposes).toEqual([1, 2, 3, 4, 7]);
  });
});

describe("fromTcf", () => {
  it("reports invalid disclosures with pointers, line and column", () => {
    const text = JSON.stringify(
      {
        disclosures: [
          { identifier: "a", type: "cookie", maxAgeSeconds: 1, purposes: [1] },
          { identifier: "b", type: "flash", maxAgeSeconds: -1, purposes: [12] },
        ],
      },
      null,
      2,
    );
    const result = fromTcf(text, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.pointer)).toEqual([
      "/disclosures/1/type",
      "/disclosures/1/maxAgeSeconds",
      "/disclosures/1/purposes/0",
    ]);
    expect(result.errors[0]).toMatchObject({ found: '"flash"', line: 13, column: 7 });
  });

  it("reports a JSON syntax error with its position", () => {
    expect(fromTcf('{"disclosures": [}', options)).toMatchObject({
      ok: false,
      errors: [{ line: 1, column: 18 }],
    });
  });

  it("leaves app storage out, splits domains[] and merges repeated disclosures", () => {
    const result = fromTcf(
      {
        disclosures: [
          { identifier: "id", type: "app", maxAgeSeconds: null, purposes: [1] },
          {
            identifier: "uid",
            type: "cookie",
            maxAgeSeconds: 60,
            domains: ["a.com", "*.b.com"],
            purposes: [1],
          },
          { identifier: "uid", type: "cookie", maxAgeSeconds: 60, domain: "a.com", purposes: [2] },
        ],
      },
      { site },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.registry.entries.map((e) => [e.name, e.domain, e.category])).toEqual([
      ["uid", "a.com", "marketing"],
      ["uid", "b.com", "functional"],
    ]);
    expect(result.registry.properties).toEqual(["a.com", "b.com"]);
    expect(result.registry.entries[0]?.source).toBe("vendor-doc");
    expect(result.warnings).toEqual([
      '/disclosures/0: "app" storage is not web storage; left out',
      "/disclosures/2: repeats /disclosures/1; purposes merged",
    ]);
  });

  it("falls back to the policy URL's host for properties", () => {
    const result = fromTcf(
      { disclosures: [{ identifier: "x", type: "web", maxAgeSeconds: null, purposes: [1] }] },
      { site },
    );
    expect(result).toMatchObject({
      ok: true,
      registry: { properties: ["www.example.com"], entries: [{ kind: "localStorage" }] },
    });
  });
});

const domainArb = fc.constantFrom(undefined, "example.com", "cdn.example.net");

const ledgerEntryArb: fc.Arbitrary<RegistryEntry> = fc
  .record({
    cookie: fc.boolean(),
    name: fc.string({ minLength: 1, maxLength: 20 }),
    domain: domainArb,
    category: fc.constantFrom(...CATEGORIES),
    maxAge: fc.option(fc.nat(), { nil: null }),
  })
  .map(({ cookie, name, domain, category, maxAge }) => ({
    kind: cookie ? "cookie" : "localStorage",
    name,
    ...(domain ? { domain } : {}),
    category,
    provider: options.provider,
    ...(cookie ? { maxAgeSeconds: maxAge } : maxAge === null ? {} : { maxAgeSeconds: maxAge }),
    source: "site",
  }));

const identity = (kind: string, name: string, domain?: string) => `${kind} ${name} ${domain ?? ""}`;

const ids = (all: number[]) => fc.subarray(all).map((picked) => [...picked].sort((a, b) => a - b));

const disclosureArb: fc.Arbitrary<TcfDisclosure> = fc
  .record({
    cookie: fc.boolean(),
    identifier: fc.string({ minLength: 1, maxLength: 20 }),
    maxAge: fc.option(fc.nat(), { nil: null }),
    refresh: fc.boolean(),
    domain: fc.constantFrom("*", "example.com", "*.example.net"),
    purposes: ids([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    specialPurposes: ids([1, 2, 3]),
  })
  .map(({ cookie, identifier, maxAge, refresh, domain, purposes, specialPurposes }) => ({
    identifier,
    type: cookie ? "cookie" : "web",
    maxAgeSeconds: maxAge,
    ...(cookie ? { cookieRefresh: refresh } : {}),
    domain,
    purposes,
    ...(specialPurposes.length ? { specialPurposes } : {}),
  }));

describe("TCF round trips", () => {
  it("ledger → TCF → ledger gives the same registry (cookies and localStorage)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(ledgerEntryArb, {
          selector: (e) => identity(e.kind, e.name, e.domain),
          maxLength: 15,
        }),
        (entries) => {
          const registry = registryOf(entries);
          const back = fromTcf(toTcf(registry).document, options);
          expect(back).toMatchObject({ ok: true });
          expect(back.ok && back.registry).toEqual(registry);
        },
      ),
    );
  });

  it("TCF → ledger → TCF gives the same disclosures", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(disclosureArb, {
          selector: (d) => identity(d.type, d.identifier, d.domain.replace(/^\*\.?/, "")),
          maxLength: 15,
        }),
        (disclosures) => {
          const imported = fromTcf({ disclosures }, options);
          expect(imported).toMatchObject({ ok: true, warnings: [] });
          if (!imported.ok) return;
          expect(toTcf(imported.registry).document.disclosures).toEqual(disclosures);
        },
      ),
    );
  });
});
