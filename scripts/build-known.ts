// `npm run build:known`: compiles the Open Cookie Database CSV into
// shared/known/open-cookie-database.generated.json (checked in). `--check` only reports whether the
// checked-in file is current (exit 1 when stale). Run with tsx; scripts/build.mjs runs it too.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileOpenCookieDatabase } from "../shared/known/ocd.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const KNOWN_CSV = join(root, "shared/known/open-cookie-database/open-cookie-database.csv");
export const KNOWN_JSON = join(root, "shared/known/open-cookie-database.generated.json");

/** The JSON text the CSV compiles to (one row per line: compact, yet diffs stay readable). */
export function renderKnown(csv: string): string {
  const data = compileOpenCookieDatabase(csv);
  const { rows, ...head } = data;
  const headJson = JSON.stringify(head);
  const body = rows.map((r) => `    ${JSON.stringify(r)}`).join(",\n");
  return `${headJson.slice(0, -1)},\n  "rows": [\n${body}\n  ]\n}\n`;
}

/** Writes the JSON when it changed; returns whether it was stale. */
export function buildKnown(options: { check?: boolean } = {}): boolean {
  const next = renderKnown(readFileSync(KNOWN_CSV, "utf8"));
  let current = "";
  try {
    current = readFileSync(KNOWN_JSON, "utf8");
  } catch {
    // first build
  }
  const stale = current !== next;
  if (stale && !options.check) writeFileSync(KNOWN_JSON, next);
  return stale;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes("--check");
  const stale = buildKnown({ check });
  if (check && stale) {
    console.error("shared/known/open-cookie-database.generated.json is stale: run `npm run build:known`");
    process.exitCode = 1;
  } else {
    console.log(
      `known cookies: ${stale ? "rebuilt" : "up to date"} (shared/known/open-cookie-database.generated.json)`,
    );
  }
}
