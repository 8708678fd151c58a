import { describe, expect, it } from "vitest";
import { checksum, decodeRecord, encodeRecord, randomId } from "../../sdk/record.ts";
import type { ConsentRecord } from "../../sdk/types.ts";

const record: ConsentRecord = {
  categories: { functional: true, analytics: false, marketing: true },
  revision: "2026-11-25.1+demo.2 «修订» a:b%3A;=",
  at: 1795629881420,
  source: "api",
  id: randomId(),
};

/** A value with a correct checksum over arbitrary fields (what a forger or a broken writer would make). */
const forge = (...fields: string[]) => {
  const body = fields.join(":");
  return `${body}:${checksum(body)}`;
};

describe("consent record cookie value", () => {
  it("round-trips, with dots, colons, percent signs and non-ASCII in the revision and id", () => {
    const value = encodeRecord(record);
    expect(value).toMatch(/^101:1795629881420:api:\d+-\d+:[\w@*+\-./%]+:[0-9a-z]+$/);
    expect(decodeRecord(value)).toEqual(record);
    const odd = {
      ...record,
      id: "a:b.c%d é",
      categories: { functional: false, analytics: true, marketing: false },
    };
    expect(decodeRecord(encodeRecord(odd))).toEqual(odd);
    for (const source of ["api", "banner", "extension", "gpc"] as const)
      expect(decodeRecord(encodeRecord({ ...record, source }))?.source).toBe(source);
  });
  it("is cookie-safe: no separators, spaces, quotes, commas or `=`", () => {
    expect(encodeRecord(record)).not.toMatch(/[;, "\\=]/);
  });
  it("treats a missing, truncated, edited or forged value as no decision", () => {
    const value = encodeRecord(record);
    expect(decodeRecord(forge("101", "1795629881420", "api", record.id, escape(record.revision)))).toEqual(
      record,
    );
    expect(decodeRecord(undefined)).toBeUndefined();
    expect(decodeRecord("")).toBeUndefined();
    expect(decodeRecord(value.slice(0, -1))).toBeUndefined();
    expect(decodeRecord(value.slice(1))).toBeUndefined();
    expect(decodeRecord(value.replace(/^101/, "111"))).toBeUndefined();
    expect(decodeRecord(`${value}:x`)).toBeUndefined();
    expect(decodeRecord(forge("101", "1", "api", "x", "r"))).toMatchObject({ revision: "r", at: 1 });
    for (const flags of ["10", "1011", "102", "5", ""])
      expect(decodeRecord(forge(flags, "1", "api", "x", "r")), flags).toBeUndefined();
    for (const at of ["0", "-1", "1.5", "1e3", "01", "", "x"])
      expect(decodeRecord(forge("101", at, "api", "x", "r")), at).toBeUndefined();
    expect(decodeRecord(forge("101", "1", "someone", "x", "r"))).toBeUndefined();
    expect(decodeRecord(forge("101", "1", "api", "x"))).toBeUndefined();
    expect(decodeRecord(forge("101", "1", "api", "x", "r", "y"))).toBeUndefined();
    // The first format (URI-encoded JSON) is no longer read.
    const body = encodeURIComponent(JSON.stringify([5, "r", 1, "api", "x"]));
    expect(decodeRecord(`1.${body}.${checksum(body)}`)).toBeUndefined();
  });
  it("ids are random", () => {
    expect(randomId()).toMatch(/^\d+-\d+$/);
    expect(randomId()).not.toBe(randomId());
  });
});
