/**
 * Compiles the Open Cookie Database CSV (shared/known/open-cookie-database/, Apache-2.0) into KnownData.
 * Pure (no Node APIs): scripts/build-known.ts does the file I/O, and the staleness test calls this too.
 */
import { categoryFromOpenCookieDatabase } from "../categories.ts";
import { parseCsvRecords } from "./csv.ts";
import { KNOWN_FORMAT, type KnownData, type KnownRow } from "./data.ts";

const COL = {
  id: "ID",
  platform: "Platform",
  category: "Category",
  name: "Cookie / Data Key name",
  domain: "Domain",
  description: "Description",
  retention: "Retention period",
  controller: "Data Controller",
  privacy: "User Privacy & GDPR Rights Portals",
  wildcard: "Wildcard match",
} as const;

// Zero-width characters, soft hyphens and byte-order marks that slipped into a few cells.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** Cleans a name cell: invisible characters and surrounding whitespace go. */
export function cleanName(cell: string): string {
  return cell.replace(INVISIBLE, "").trim();
}

/**
 * Reads a Domain cell into normalized domains. The cells are free text: `cookiebot.com (3rd party)`,
 * `.bing.com (3rd party) or .microsoft.com (3rd party)`, `.amplitude.com.`, `ads-[account].adhese.com`.
 * Notes in parentheses go; `or`, commas and spaces separate alternatives; leading and trailing dots go;
 * a `[placeholder]` label stands for any label, so the domain is what follows it. A value without a dot
 * (`id5-sync`) names no domain and is dropped. Returns `[]` for an empty cell.
 */
export function cleanDomains(cell: string): string[] {
  const text = cell
    .replace(INVISIBLE, "")
    .replace(/\([^)]*\)/g, " ")
    .toLowerCase();
  const out: string[] = [];
  for (const part of text.split(/\s+or\s+|[\s,;]+/)) {
    let d = part.replace(/^\.+|\.+$/g, "");
    const placeholder = d.lastIndexOf("]");
    if (placeholder >= 0) d = d.slice(placeholder + 1).replace(/^[^.]*\./, "");
    if (HOST.test(d) && !out.includes(d)) out.push(d);
  }
  return out;
}

/** Compiles the CSV text. Deterministic: rows keep the CSV's order; strings are interned first-seen. */
export function compileOpenCookieDatabase(csv: string): KnownData {
  const records = parseCsvRecords(csv);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (s: string): number => {
    const v = s.trim();
    let k = stringIndex.get(v);
    if (k === undefined) {
      k = strings.length;
      strings.push(v);
      stringIndex.set(v, k);
    }
    return k;
  };
  const rows: KnownRow[] = [];
  const skipped: KnownData["source"]["skipped"] = [];
  for (const r of records) {
    const id = (r[COL.id] ?? "").trim();
    const name = cleanName(r[COL.name] ?? "");
    const skip = (reason: string) => skipped.push({ id, name, reason });
    if (name === "") {
      skip("empty name");
      continue;
    }
    const category = categoryFromOpenCookieDatabase(r[COL.category] ?? "");
    if (category === undefined) {
      skip(`unknown category "${r[COL.category] ?? ""}"`);
      continue;
    }
    const rawDomain = (r[COL.domain] ?? "").replace(INVISIBLE, "").trim();
    const domains = cleanDomains(rawDomain);
    if (rawDomain !== "" && domains.length === 0) {
      // Treating it as domain-less would widen it to every site: leave it out instead.
      skip(`unusable domain "${rawDomain}"`);
      continue;
    }
    rows.push([
      name,
      domains,
      (r[COL.wildcard] ?? "").trim() === "1" ? 1 : 0,
      category,
      intern(r[COL.platform] ?? ""),
      (r[COL.description] ?? "").replace(/\s+/g, " ").trim(),
      intern(r[COL.retention] ?? ""),
      intern(r[COL.controller] ?? ""),
      intern(r[COL.privacy] ?? ""),
    ]);
  }
  return {
    format: KNOWN_FORMAT,
    source: {
      name: "Open Cookie Database",
      url: "https://github.com/jkwakman/Open-Cookie-Database",
      license: "Apache-2.0 (shared/known/open-cookie-database/LICENSE)",
      rows: records.length,
      skipped,
    },
    strings,
    rows,
  };
}
