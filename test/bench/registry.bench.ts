// `npm run bench registry`: validating a ~5 MB registry with loadRegistry, against plain JSON.parse
// of the same text as the baseline. Target (issue 2): well under a second.
import { availableParallelism, cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { loadRegistry } from "../../shared/registry/load.ts";
import { syntheticRegistry } from "./registry-fixture.ts";

const ROUNDS = 7;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(run: () => unknown): number {
  const samples: number[] = [];
  run(); // warm-up
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const registry = syntheticRegistry(5_000_000);
const validText = JSON.stringify(registry, null, 2);
const last = registry.entries.length - 1;
const broken = structuredClone(registry);
(broken.entries[last] as Record<string, unknown>).kind = "cookiee";
const invalidText = JSON.stringify(broken, null, 2);

const check = loadRegistry(invalidText);
if (check.ok || check.errors[0]?.pointer !== `/entries/${last}/kind`) throw new Error("unexpected result");

const baseline = time(() => JSON.parse(validText));
const valid = time(() => loadRegistry(validText));
const invalid = time(() => loadRegistry(invalidText));

const mb = (Buffer.byteLength(validText) / 1_000_000).toFixed(1);
console.log(`registry: ${mb} MB, ${registry.entries.length} entries; node ${process.version}`);
console.log(
  `cpu: ${cpus()[0]?.model ?? "unknown"} (${availableParallelism()} available); median of ${ROUNDS}`,
);
console.log(`JSON.parse (baseline)            ${baseline.toFixed(1)} ms`);
console.log(
  `loadRegistry, valid               ${valid.toFixed(1)} ms  (${(valid / baseline).toFixed(1)}× JSON.parse)`,
);
console.log(
  `loadRegistry, error in last entry ${invalid.toFixed(1)} ms  (${(invalid / baseline).toFixed(1)}× JSON.parse)`,
);
