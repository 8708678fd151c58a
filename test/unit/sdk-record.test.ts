import { describe, expect, it } from "vitest";
import { checksum, decodeRecord, encodeRecord, randomId } from "../../sdk/record.ts";
import type { ConsentRecord } from "../../sdk/types.ts";

const record: ConsentRecord = {
  categories: { functional: true, analytics: false, marketing: true },
  revision: "2026-11-25.1+demo.2 «修订»",
  at: 1795629881420,
  source: "api",
  id: randomId(),
};

describe("consent record cookie value", () => {
  it("round-trips, with dots and non-ASCII in the revision", () => {
    const value = encodeRecord(record);
    expect(value).toMatch(/^1\.[A-Za-z0-9%\-_.!~*'()]+\.[0-9a-z]+$/);
    expect(decodeRecord(value)).toEqual(record);
  });
  it("is cookie-safe: no separators, spaces, quotes or commas", () => {
    expect(encodeRecord(record)).not.toMatch(/[;, "\\]/);
  });
  it("treats a missing, truncated, edited or forged value as no decision", () => {
    const value = encodeRecord(record);
    expect(decodeRecord(undefined)).toBeUndefined();
    expect(decodeRecord("")).toBeUndefined();
    expect(decodeRecord(value.slice(0, -1))).toBeUndefined();
    expect(decodeRecord(value.replace("%5B5", "%5B7"))).toBeUndefined();
    expect(decodeRecord(`2${value.slice(1)}`)).toBeUndefined();
    const forge = (payload: unknown[]) => {
      const body = encodeURIComponent(JSON.stringify(payload));
      return `1.${body}.${checksum(body)}`;
    };
    expect(decodeRecord(forge([5, "r", 1, "api", "x"]))).toMatchObject({ revision: "r" });
    expect(decodeRecord(forge([8, "r", 1, "api", "x"]))).toBeUndefined();
    expect(decodeRecord(forge([5, "r", "1", "api", "x"]))).toBeUndefined();
    expect(decodeRecord(forge([5, "r", 1, "someone", "x"]))).toBeUndefined();
    expect(decodeRecord(forge([5, "r", 1, "api"]))).toBeUndefined();
    expect(decodeRecord("1.%E0%A4%A.x")).toBeUndefined();
  });
  it("ids are random hex", () => {
    expect(randomId()).toMatch(/^\d+-\d+$/);
    expect(randomId()).not.toBe(randomId());
  });
});
