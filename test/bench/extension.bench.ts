// `npm run bench extension`: (1) the popup's first render with 2,000 items (Preact View, layout included) in
// Chromium against the same rows written as plain DOM, target ≤ 100 ms; (2) clearing a category of 1,000
// cookies (across paths and partitions, with read-back verification) through the extension's `clearCategory`
// against a naive sequential `cookies.remove` loop in the same service worker. Needs `npm run build`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
import type { ClearReport, Reply } from "../../shared/protocol/messages.ts";
import { chromePath, launchBrowser } from "../support/browser.ts";
import { visit } from "../support/property-set.ts";

const root = join(import.meta.dirname, "..", "..");
const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function popupRender() {
  const bundle = await esbuild.build({
    entryPoints: [join(root, "test/bench/extension-popup-entry.tsx")],
    bundle: true,
    write: false,
    format: "iife",
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: true,
    logLevel: "warning",
  });
  const script = bundle.outputFiles[0]!.text;
  const css = readFileSync(join(root, "extension/static/popup.css"), "utf8");
  const browser = await chromium.launch({
    executablePath: chromePath(),
    headless: true,
    args: ["--no-sandbox"],
  });
  try {
    const first: Record<"preact" | "plain", number[]> = { preact: [], plain: [] };
    const all: Record<"preact" | "plain", number[]> = { preact: [], plain: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const which of ["preact", "plain"] as const) {
        const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
        await page.setContent(`<!doctype html><style>${css}</style><div id="app"></div>`);
        await page.addScriptTag({ content: script });
        const [f, a] = await page.evaluate(
          (w) =>
            (globalThis as unknown as { bench: (w: string, n: number) => Promise<[number, number]> }).bench(
              w,
              2000,
            ),
          which,
        );
        first[which].push(f);
        all[which].push(a);
        await page.close();
      }
    }
    const p = median(first.preact);
    console.log(`popup with 2,000 items (median of ${RUNS}, layout included)`);
    console.log(
      `  Preact View, first render      ${ms(p)}   target ≤ 100 ms: ${p <= 100 ? "met" : "NOT met"}`,
    );
    console.log(`  Preact View, all 2,000 rows    ${ms(median(all.preact))}`);
    console.log(`  plain DOM, all rows at once    ${ms(median(first.plain))}`);
    console.log(`  ratio Preact all rows / plain  ${(median(all.preact) / median(first.plain)).toFixed(2)}`);
  } finally {
    await browser.close();
  }
}

async function clearing() {
  const b = await launchBrowser({ extension: true });
  try {
    const page = await b.newPage();
    await visit(page, b.propertySet.url("www.dingtalk.com", "/"));
    const popup = await b.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=0`);
    const cdp = await b.context.newCDPSession(page);
    const plant = async () => {
      const cookies = Array.from({ length: 1000 }, (_, i) => ({
        // `mp_*_mixpanel` is analytics in the served registry.
        name: `mp_b${i}_mixpanel`,
        value: "x",
        domain: i % 2 ? ".dingtalk.com" : "www.dingtalk.com",
        path: ["/", "/a", "/b/c"][i % 3],
        secure: true,
        sameSite: "None" as const,
        expires: Date.now() / 1000 + 3600,
        ...(i % 10 === 0
          ? { partitionKey: { topLevelSite: "https://dingtalk.com", hasCrossSiteAncestor: false } }
          : {}),
      }));
      await cdp.send("Network.setCookies", { cookies });
    };
    const count = () =>
      b.serviceWorker!.evaluate(async () => {
        const c = (
          globalThis as unknown as { chrome: { cookies: { getAll(d: object): Promise<{ name: string }[]> } } }
        ).chrome.cookies;
        const all = [
          ...(await c.getAll({ domain: "dingtalk.com" })),
          ...(await c.getAll({ domain: "dingtalk.com", partitionKey: {} })),
        ];
        return new Set(all.filter((x) => x.name.startsWith("mp_b")).map((x) => JSON.stringify(x))).size;
      });
    const tabId = await popup.evaluate(
      async () =>
        (
          await (
            globalThis as unknown as {
              chrome: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } };
            }
          ).chrome.tabs.query({})
        ).find((t) => t.url?.startsWith("https://www.dingtalk.com"))!.id,
    );
    const ours: number[] = [];
    const naive: number[] = [];
    let leftOurs = 0;
    let leftNaive = 0;
    for (let run = 0; run < 3; run++) {
      await plant();
      const planted = await count();
      const start = performance.now();
      const reply = (await popup.evaluate(
        (id) =>
          (
            globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }
          ).chrome.runtime.sendMessage({
            type: "clearCategory",
            tabId: id,
            category: "analytics",
          }),
        tabId,
      )) as Reply<{ report: ClearReport }>;
      ours.push(performance.now() - start);
      if (!reply.ok) throw new Error(reply.error);
      leftOurs = await count();
      if (planted !== 1000) throw new Error(`planted ${planted}`);

      await plant();
      const t0 = performance.now();
      await b.serviceWorker!.evaluate(async () => {
        const c = (
          globalThis as unknown as {
            chrome: {
              cookies: {
                getAll(d: object): Promise<{ name: string; domain: string; path: string; secure: boolean }[]>;
                remove(d: object): Promise<unknown>;
              };
            };
          }
        ).chrome.cookies;
        for (const x of await c.getAll({ domain: "dingtalk.com" })) {
          if (!x.name.startsWith("mp_b")) continue;
          await c.remove({ url: `https://${x.domain.replace(/^\./, "")}${x.path}`, name: x.name });
        }
      });
      naive.push(performance.now() - t0);
      leftNaive = await count();
      // Reset for the next run.
      await b.serviceWorker!.evaluate(async () => undefined);
      await cdp.send("Network.clearBrowserCookies");
    }
    console.log("clear a category of 1,000 cookies (3 domains×paths, 10 % partitioned; median of 3)");
    console.log(
      `  clearCategory (inventory, concurrent removal, read-back, re-inventory) ${ms(median(ours))}, left ${leftOurs}`,
    );
    console.log(
      `  naive sequential cookies.remove loop (no partitions, no verification)  ${ms(median(naive))}, left ${leftNaive}`,
    );
  } finally {
    await b.close();
  }
}

await popupRender();
if (process.argv[2] !== "render") await clearing();
