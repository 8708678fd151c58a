// `npm run bench sdk-size`: where the core's bytes go. Builds dist/sdk/cookie-ledger.js in memory exactly as
// scripts/build.mjs does, then again with one part at a time replaced by an empty stand-in; the difference
// is that part's cost in min+gzip bytes (gzip -9, Node zlib). Parts share code, so the costs do not add up
// to the total exactly. Budget (issues 4 and 9): core ≤ 5,120 bytes.
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
// @ts-expect-error: plain ESM build helper without types.
import { CORE_MANGLE_PROPS, SDK_TARGET, squeeze } from "../../scripts/sdk-options.mjs";

const root = resolve(import.meta.dirname, "..", "..");
const BUDGET = 5120;

/** [what the part does, file, stand-in source exporting the same names]. */
const PARTS: [string, string, string][] = [
  ["registry matcher (classify)", "sdk/classify.ts", "export const compileClassifier=()=>()=>undefined;"],
  [
    "consent record cookie (encode, strict decode)",
    "sdk/record.ts",
    "export const OPTIONAL=['functional','analytics','marketing'];export const decodeRecord=()=>undefined;export const encodeRecord=()=>'';export const randomId=()=>'';",
  ],
  ["document.cookie hook + assignment parser", "sdk/hooks/cookie.ts", "export const hookCookie=()=>{};"],
  [
    "web storage hooks (methods, named properties)",
    "sdk/hooks/storage.ts",
    "export const hookStorage=()=>{};export const nativeStorage=(w,n)=>w[n];",
  ],
  [
    "IndexedDB, Cache Storage, cookieStore hooks",
    "sdk/hooks/async-stores.ts",
    "export const hookAsyncStores=()=>{};",
  ],
  [
    "transparency (proxy unwrapping, storageArea, toString)",
    "sdk/hooks/prototypes.ts",
    "export const unwrapStorage=()=>{};export const disguise=()=>{};",
  ],
  [
    "frames (about:blank, srcdoc, written, inserted)",
    "sdk/hooks/frames.ts",
    "export const hookFrames=()=>()=>{};",
  ],
  [
    "workers (dedicated, shared; classic, module, blob:)",
    "sdk/realms/workers.ts",
    "export const hookWorkers=()=>{};export const CHANNEL='cookie-ledger';",
  ],
  ["gated scripts and iframes", "sdk/gate.ts", "export const createGate=()=>()=>{};"],
  ["hold and replay queue", "sdk/queue.ts", "export const createQueue=()=>({hold(){},drop(){},replay(){}});"],
  [
    "purge (cookie variants, storage, IndexedDB, caches)",
    "sdk/purge.ts",
    "export const purge=async()=>({removed:[],unreachable:[]});",
  ],
  [
    "safety net (timers, visibilitychange, findings)",
    "sdk/sweep.ts",
    "import {purge} from './purge.ts';export const createSafetyNet=(c,d)=>({sweep:()=>purge(c,d),findings:[]});",
  ],
];

async function coreBytes(stub?: [string, string]): Promise<number> {
  const r = await esbuild.build({
    entryPoints: [resolve(root, "sdk/entry-iife.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: SDK_TARGET,
    write: false,
    legalComments: "none",
    logLevel: "error",
    mangleProps: CORE_MANGLE_PROPS,
    plugins: [
      {
        name: "stand-in",
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (a) =>
            stub && a.path === resolve(root, stub[0])
              ? { contents: stub[1], loader: "ts", resolveDir: resolve(root, "sdk") }
              : undefined,
          );
        },
      },
    ],
  });
  return gzipSync(await squeeze(r.outputFiles[0]!.text), { level: 9 }).length;
}

const total = await coreBytes();
console.log(
  `cookie-ledger.js (core): ${total} B min+gzip; budget ${BUDGET} B: ${total <= BUDGET ? "met" : `NOT met (${total - BUDGET} B over)`}`,
);
console.log("cost of each part (core without it, difference):");
for (const [what, file, stub] of PARTS) {
  const without = await coreBytes([file, stub]);
  console.log(`  ${what.padEnd(56)} ${String(total - without).padStart(5)} B   (${file})`);
}
