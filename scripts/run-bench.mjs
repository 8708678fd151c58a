// `npm run bench`: runs every test/bench/*.bench.ts file in turn; each prints its numbers and ratios.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

const only = process.argv[2];
const files = readdirSync("test/bench")
  .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
  .sort();
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  execFileSync("npx", ["tsx", `test/bench/${file}`], { stdio: "inherit" });
}
