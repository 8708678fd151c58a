import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KNOWN_CSV, KNOWN_JSON, renderKnown } from "../../scripts/build-known.ts";
import { categoryFromOpenCookieDatabase } from "../../shared/categories.ts";
import { parseCsv, parseCsvRecords } from "../../shared/known/csv.ts";
import { cleanDomains, cleanName, compileOpenCookieDatabase } from "../../shared/known/ocd.ts";

describe("parseCsv", () => {
  it("handles quoted fields with commas, quotes and line breaks", () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\n2,"line\none",\n\n3,,last';
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"'],
      ["2", "line\none", ""],
      ["3", "", "last"],
    ]);
  });
  it("keys records by the header and fills missing cells", () => {
    expect(parseCsvRecords("k,v\nx\n")).toEqual([{ k: "x", v: "" }]);
    expect(parseCsvRecords("")).toEqual([]);
  });
  it("keeps an unterminated quoted field rather than throwing", () => {
    expect(parseCsv('a,"b\nc')).toEqual([["a", "b\nc"]]);
  });
});

describe("Open Cookie Database cells", () => {
  it("reads free-text domains", () => {
    expect(cleanDomains("")).toEqual([]);
    expect(cleanDomains("cookiebot.com (3rd party)")).toEqual(["cookiebot.com"]);
    expect(cleanDomains(".bing.com (3rd party) or .microsoft.com (3rd party)")).toEqual([
      "bing.com",
      "microsoft.com",
    ]);
    expect(cleanDomains(" or demdex.net (3rd party)")).toEqual(["demdex.net"]);
    expect(cleanDomains(".amplitude.com.")).toEqual(["amplitude.com"]);
    expect(cleanDomains(".commander1.com\u200b")).toEqual(["commander1.com"]);
    expect(cleanDomains("Inspectlet.com (3rd party)")).toEqual(["inspectlet.com"]);
    expect(cleanDomains("ads-[account].adhese.com")).toEqual(["adhese.com"]);
    expect(cleanDomains("id5-sync")).toEqual([]);
  });
  it("cleans names", () => {
    expect(cleanName("ce_need_secure_cookie\t")).toBe("ce_need_secure_cookie");
    expect(cleanName("logglytrackings\u00adession")).toBe("logglytrackingsession");
  });
  it("maps categories as the design says and skips rows it cannot place", () => {
    const header =
      "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match";
    const data = compileOpenCookieDatabase(
      `${header}\n1,P,Security,a,,d,1 day,C,u,0\n2,P,Personalization,b_,x.com,d,1 day,C,u,1\n3,P,Weird,c,,d,,C,u,0\n4,P,Marketing,d,id5-sync,d,,C,u,0\n`,
    );
    expect(data.rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ["a", [], 0, "necessary"],
      ["b_", ["x.com"], 1, "functional"],
    ]);
    expect(data.source.skipped.map((s) => s.id)).toEqual(["3", "4"]);
    expect(data.strings[data.rows[0]![4]]).toBe("P");
  });
});

describe("checked-in known-cookie data", () => {
  const csv = readFileSync(KNOWN_CSV, "utf8");

  it("is current with the CSV (run `npm run build:known` when this fails)", () => {
    expect(readFileSync(KNOWN_JSON, "utf8") === renderKnown(csv)).toBe(true);
  });

  it("keeps every row but the few it reports as skipped, in order, with mapped categories", () => {
    const data = compileOpenCookieDatabase(csv);
    const skipped = new Set(data.source.skipped.map((x) => x.id));
    const kept = parseCsvRecords(csv).filter((r) => !skipped.has(r.ID ?? ""));
    expect(data.source.skipped.length).toBeLessThan(10);
    expect(data.rows.length).toBe(kept.length);
    kept.forEach((r, k) => {
      const row = data.rows[k]!;
      expect(row[0]).toBe(cleanName(r["Cookie / Data Key name"] ?? ""));
      expect(row[2]).toBe(r["Wildcard match"] === "1" ? 1 : 0);
      expect(row[3]).toBe(categoryFromOpenCookieDatabase(r.Category ?? ""));
      expect(row[1].length > 0).toBe((r.Domain ?? "").trim() !== "");
    });
  });
});
