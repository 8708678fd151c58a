// `npm run build`: dist/cli.js, dist/sdk/*, dist/extension/{chrome,firefox}.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { CORE_MANGLE_PROPS, SDK_TARGET, squeeze } from "./sdk-options.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const at = (...p) => join(root, ...p);

/** shared/known/open-cookie-database.generated.json from the Open Cookie Database CSV (scripts/build-known.ts). */
async function buildKnown() {
  execFileSync(process.execPath, ["--import", "tsx", at("scripts/build-known.ts")], { stdio: "inherit" });
}

async function buildCli() {
  await esbuild.build({
    entryPoints: [at("scripts/cli/bin.ts")],
    outfile: join(dist, "cli.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    banner: { js: "#!/usr/bin/env node" },
    loader: { ".json": "json" },
    logLevel: "warning",
  });
}

async function buildSdk() {
  const out = join(dist, "sdk");
  const entries = [
    // [entry, outfile, format, globalName]
    ["sdk/entry-iife.ts", "cookie-ledger.js", "iife"],
    ["sdk/index.ts", "index.js", "esm"],
    ["sdk/extras.ts", "cookie-ledger-extras.js", "esm"],
    ["sdk/worker-guard.ts", "cookie-ledger-worker.js", "iife"],
    ["sdk/sw.ts", "sw.js", "esm"],
    ["sdk/ui/entry.tsx", "cookie-ledger-ui.js", "iife"],
    ["sdk/server/index.ts", "server.js", "esm"],
  ];
  for (const [entry, outfile, format] of entries) {
    if (!existsSync(at(entry))) continue;
    await esbuild.build({
      entryPoints: [at(entry)],
      outfile: join(out, outfile),
      bundle: true,
      minify: format === "iife" || outfile === "index.js" || outfile === "cookie-ledger-extras.js",
      format,
      target: SDK_TARGET,
      platform: outfile === "server.js" ? "node" : "browser",
      jsx: "automatic",
      jsxImportSource: "preact",
      legalComments: "none",
      logLevel: "warning",
      // The consent UI's size budget: shorten Preact's private vnode/component fields (`__k`, `__e`, …; not
      // `__html`), and the component lifecycle, `options` hook and component fields: the bundle has no
      // components of its own (only Preact's internal Fragment) and never exposes Preact, so nothing outside
      // reads those names. Never DOM properties or attributes (`type`, `checked`, …): Preact sets them by name.
      ...(outfile === "cookie-ledger-ui.js" && {
        mangleProps:
          /^(__.?|props|state|context|contextType|getChildContext|getDerivedState\w+|getSnapshotBeforeUpdate|component\w+|shouldComponentUpdate|setState|forceUpdate|debounceRendering|vnode|diffed|unmount)$/,
      }),
      ...(outfile === "cookie-ledger.js" && { mangleProps: CORE_MANGLE_PROPS }),
    });
    if (format === "iife") {
      const file = join(out, outfile);
      writeFileSync(file, await squeeze(readFileSync(file, "utf8")));
    }
  }
  // The consent UI's stylesheet, linked by cookie-ledger-ui.js (no inline styles: CSP `style-src 'self'`).
  if (existsSync(at("sdk/ui/ui.css")))
    await esbuild.build({
      entryPoints: [at("sdk/ui/ui.css")],
      outfile: join(out, "cookie-ledger-ui.css"),
      minify: true,
      // Unprefixed `appearance` (Safari ≥ 15.4).
      target: ["chrome110", "firefox110", "safari16"],
      legalComments: "none",
      logLevel: "warning",
    });
  // The consent UI's texts, one file per language, fetched by cookie-ledger-ui.js for the language it shows.
  for (const lang of ["en", "zh-CN"])
    if (existsSync(at(`sdk/ui/${lang}.json`)))
      writeFileSync(
        join(out, `cookie-ledger-ui.${lang}.json`),
        JSON.stringify(JSON.parse(readFileSync(at(`sdk/ui/${lang}.json`), "utf8"))),
      );
  // Type declarations for the ESM build (dist/sdk/index.d.ts → dist/sdk/types/).
  if (existsSync(at("sdk/tsconfig.types.json"))) {
    rmSync(join(out, "types"), { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [at("node_modules/typescript/bin/tsc"), "-p", at("sdk/tsconfig.types.json")],
      {
        stdio: "inherit",
      },
    );
    writeFileSync(join(out, "index.d.ts"), 'export * from "./types/sdk/index.ts";\n');
  }
}

/** The root manifest.json is the Chrome shape; Firefox gets background scripts and gecko settings. */
function manifestFor(browser) {
  const manifest = JSON.parse(readFileSync(at("manifest.json"), "utf8"));
  if (browser === "firefox") {
    const worker = manifest.background?.service_worker;
    if (worker) manifest.background = { scripts: [worker], type: "module" };
    manifest.browser_specific_settings = {
      gecko: {
        id: "cookie-ledger@cookie-ledger.dev",
        strict_min_version: "128.0",
        // Nothing leaves the device (addons-linter asks for an explicit statement).
        data_collection_permissions: { required: ["none"] },
      },
    };
    delete manifest.key;
  }
  return manifest;
}

async function buildExtension() {
  if (!existsSync(at("manifest.json"))) return;
  for (const browser of ["chrome", "firefox"]) {
    const out = join(dist, "extension", browser);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const entries = [
      ["extension/background/index.ts", "background.js"],
      ["extension/content/index.ts", "content.js"],
      ["extension/content/guard.ts", "guard.js"],
      ["extension/popup/index.tsx", "popup.js"],
    ].filter(([entry]) => existsSync(at(entry)));
    for (const [entry, outfile] of entries) {
      await esbuild.build({
        entryPoints: [at(entry)],
        outfile: join(out, outfile),
        bundle: true,
        format: outfile === "background.js" ? "esm" : "iife",
        target: ["chrome110", "firefox128"],
        jsx: "automatic",
        jsxImportSource: "preact",
        define: { __BROWSER__: JSON.stringify(browser) },
        legalComments: "none",
        logLevel: "warning",
      });
    }
    for (const dir of ["extension/static", "extension/_locales"]) {
      if (existsSync(at(dir)))
        cpSync(at(dir), dir.endsWith("_locales") ? join(out, "_locales") : out, { recursive: true });
    }
    writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifestFor(browser), null, 2)}\n`);
  }
}

/** The demo property set's page scripts (test/fixtures/property-set/js/*.ts) → dist/property-set/*.js. */
async function buildPropertySet() {
  const dir = at("test/fixtures/property-set/js");
  if (!existsSync(dir)) return;
  const pages = [
    "www",
    "login",
    "im",
    "im-widget",
    "open",
    "appcenter",
    "open-drp",
    "h5",
    "club",
    "adversarial",
  ];
  await esbuild.build({
    entryPoints: pages.map((page) => join(dir, `${page}.ts`)),
    outdir: join(dist, "property-set"),
    bundle: true,
    minify: true,
    format: "iife",
    target: ["chrome110"],
    legalComments: "none",
    logLevel: "warning",
    // The adversarial page writes through a direct `eval` on purpose (one of the techniques it tries).
    logOverride: { "direct-eval": "silent" },
  });
}

const only = process.argv[2];
if (!only || only === "known") await buildKnown();
const steps = { cli: buildCli, sdk: buildSdk, extension: buildExtension, propertySet: buildPropertySet };
for (const [name, step] of Object.entries(steps)) {
  if (only && only !== name) continue;
  await step();
}
console.log(`built ${only ?? "cli, sdk, extension, propertySet"} into dist/`);
