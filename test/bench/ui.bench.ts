// `npm run bench ui`: bytes a site ships for consent with Cookie Ledger (core + consent UI + its CSS + the
// texts of the reader's language) against vanilla-cookieconsent's full build with its CSS, each file minified
// and gzipped on its own (level 9, as served). Needs `node scripts/build.mjs sdk` first (`npm run bench`
// builds). Budget (issue 7): ≤ 12,288 bytes, for a reader of either language (the larger one counts).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 12_288;
const root = join(import.meta.dirname, "..", "..");
const vanilla = join(root, "node_modules", "vanilla-cookieconsent", "dist");

interface Measured {
  file: string;
  min: number;
  gzip: number;
}

function measure(path: string): Measured {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`node scripts/build.mjs sdk\``);
  const bytes = readFileSync(path);
  return { file: path.slice(root.length + 1), min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const sdk = (f: string) => measure(join(root, "dist", "sdk", f));
const ours = ["cookie-ledger.js", "cookie-ledger-ui.js", "cookie-ledger-ui.css"].map(sdk);
// One of these per reader: the UI fetches the texts of the language it shows.
const texts = ["en", "zh-CN"].map((lang) => sdk(`cookie-ledger-ui.${lang}.json`));
const theirs = ["cookieconsent.umd.js", "cookieconsent.css"].map((f) => measure(join(vanilla, f)));
const sum = (xs: Measured[], k: "min" | "gzip") => xs.reduce((n, x) => n + x[k], 0);
const row = (name: string, min: number, gzip: number) =>
  console.log(`${name.padEnd(58)} ${String(min).padStart(7)} ${String(gzip).padStart(7)}`);

console.log(`${"file".padEnd(58)} ${"min".padStart(7)} ${"gzip".padStart(7)}`);
for (const m of [...ours, ...texts, ...theirs]) row(m.file, m.min, m.gzip);
const [en, zh] = texts as [Measured, Measured];
for (const [name, t] of [
  ["en", en],
  ["zh-CN", zh],
] as const) {
  row(
    `Cookie Ledger, ${name} reader: core + UI + CSS + texts`,
    sum(ours, "min") + t.min,
    sum(ours, "gzip") + t.gzip,
  );
}
const largest = en.gzip >= zh.gzip ? en : zh;
const total = sum(ours, "gzip") + largest.gzip;
const other = sum(theirs, "gzip");
row(
  "Cookie Ledger: UI + CSS + larger texts (on top of the core)",
  ours[1]!.min + ours[2]!.min + largest.min,
  ours[1]!.gzip + ours[2]!.gzip + largest.gzip,
);
row("vanilla-cookieconsent: full build + CSS", sum(theirs, "min"), other);
console.log(`ratio Cookie Ledger (larger texts) / vanilla-cookieconsent: ${(total / other).toFixed(2)}`);
console.log(
  `budget ${BUDGET} bytes (larger texts): ${total <= BUDGET ? "met" : "NOT met"} (${total <= BUDGET ? BUDGET - total : total - BUDGET} bytes ${total <= BUDGET ? "to spare" : "over"})`,
);
