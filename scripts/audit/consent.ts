/**
 * Answers a page's consent question as the scenario asks: through the Cookie Ledger SDK's API where the page
 * runs it, otherwise through @duckduckgo/autoconsent's rules for the banner on screen.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { filterCompactRules } from "@duckduckgo/autoconsent";
import type { BrowserContext, Frame, Page } from "playwright-core";
import type { ConsentOutcome, Scenario } from "./types.ts";

const require = createRequire(import.meta.url);

interface AutoconsentAssets {
  script: string;
  fullRules: unknown[];
  compactRules: Parameters<typeof filterCompactRules>[0];
}

/** Loads the content script and rule bundles once per run (held by the caller, not the module). */
export function loadAutoconsentAssets(): AutoconsentAssets {
  const entry = require.resolve("@duckduckgo/autoconsent");
  const script = readFileSync(
    entry.replace(/autoconsent\.(cjs|esm)\.js$/, "autoconsent.playwright.js"),
    "utf8",
  );
  const full = require("@duckduckgo/autoconsent/rules/rules.json") as { autoconsent: unknown[] };
  const compactRules = require("@duckduckgo/autoconsent/rules/compact-rules.json");
  return { script, fullRules: full.autoconsent, compactRules };
}

/** Whether the page runs the Cookie Ledger SDK with its consent API. */
export async function hasSdk(page: Page): Promise<boolean> {
  return page
    .evaluate(() => {
      const ledger = (window as unknown as { cookieLedger?: { consent?: { acceptAll?: unknown } } })
        .cookieLedger;
      return typeof ledger?.consent?.acceptAll === "function";
    })
    .catch(() => false);
}

async function answerWithSdk(page: Page, scenario: Scenario): Promise<ConsentOutcome> {
  try {
    await page.evaluate(async (accept) => {
      type Api = { consent: { acceptAll(): unknown; rejectAll(): unknown } };
      const ledger = (window as unknown as { cookieLedger: Api }).cookieLedger;
      await (accept ? ledger.consent.acceptAll() : ledger.consent.rejectAll());
    }, scenario === "accept-all");
    return { method: "sdk", answered: true };
  } catch (error) {
    return { method: "sdk", answered: false, note: `the SDK's consent API failed: ${String(error)}` };
  }
}

const TERMINAL = new Set([
  "nothingDetected",
  "optOutSucceeded",
  "optOutFailed",
  "optInSucceeded",
  "optInFailed",
  "done",
]);

interface FrameState {
  lifecycle?: string;
  cmp?: string;
  result?: boolean;
}

/**
 * Drives autoconsent in every frame of the page. The binding must be installed on the context before the
 * page is created (`prepareAutoconsent`); this injects the content script after load, so nothing is clicked
 * before the page has settled, and waits for a result for at most `capMs`.
 */
async function answerWithAutoconsent(
  page: Page,
  scenario: Scenario,
  states: Map<Frame, FrameState>,
  assets: AutoconsentAssets,
  capMs: number,
): Promise<ConsentOutcome> {
  await Promise.all(page.frames().map((frame) => frame.evaluate(assets.script).catch(() => {})));
  const deadline = Date.now() + capMs;
  const main = page.mainFrame();
  while (Date.now() < deadline) {
    const all = [...states.values()];
    if (all.some((s) => s.result !== undefined)) break;
    const top = states.get(main);
    if (top?.lifecycle && TERMINAL.has(top.lifecycle) && all.every((s) => !s.cmp)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const answered = [...states.values()].find((s) => s.result === true);
  if (answered) return { method: "autoconsent", answered: true, cmp: answered.cmp! };
  const detected = [...states.values()].find((s) => s.cmp);
  const action = scenario === "accept-all" ? "accept" : "reject";
  if (detected)
    return {
      method: "autoconsent",
      answered: false,
      cmp: detected.cmp!,
      note: `recognised ${detected.cmp} but could not ${action} through it`,
    };
  return { method: "none", answered: false, note: "no consent banner could be answered" };
}

/** Installs the autoconsent message binding on a fresh context; returns the per-frame state it fills. */
export async function prepareAutoconsent(
  context: BrowserContext,
  scenario: Scenario,
  assets: AutoconsentAssets,
): Promise<Map<Frame, FrameState>> {
  const states = new Map<Frame, FrameState>();
  const autoAction = scenario === "accept-all" ? "optIn" : "optOut";
  await context.exposeBinding(
    "autoconsentSendMessage",
    async ({ frame }, message: Record<string, unknown>) => {
      const state = states.get(frame) ?? {};
      states.set(frame, state);
      switch (message.type) {
        case "init": {
          // Compact rules carry no opt-in steps, so accepting needs the full bundle.
          const rules =
            autoAction === "optIn"
              ? { autoconsent: assets.fullRules }
              : {
                  autoconsent: [],
                  compact: filterCompactRules(assets.compactRules, {
                    url: frame.url(),
                    mainFrame: frame.parentFrame() === null,
                  }),
                };
          const config = {
            enabled: true,
            autoAction,
            disabledCmps: [],
            enablePrehide: false,
            enableCosmeticRules: false,
            enableGeneratedRules: true,
            enableHeuristicDetection: false,
            // Injected after the page settled: one retry covers a banner that is still animating in.
            detectRetries: 1,
            isMainWorld: true,
            logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false },
          };
          await frame
            .evaluate(
              ([c, r]) =>
                (
                  window as unknown as { autoconsentReceiveMessage(m: unknown): Promise<void> }
                ).autoconsentReceiveMessage({ type: "initResp", config: c, rules: r }),
              [config, rules] as const,
            )
            .catch(() => {});
          break;
        }
        case "eval": {
          const result = await frame.evaluate(String(message.code)).catch(() => false);
          await frame
            .evaluate(
              (m) =>
                (
                  window as unknown as { autoconsentReceiveMessage(m: unknown): Promise<void> }
                ).autoconsentReceiveMessage(m),
              { type: "evalResp", id: message.id, result },
            )
            .catch(() => {});
          break;
        }
        case "report":
          state.lifecycle = (message.state as { lifecycle?: string } | undefined)?.lifecycle;
          break;
        case "cmpDetected":
        case "popupFound":
          state.cmp = String(message.cmp);
          break;
        case "optOutResult":
        case "optInResult":
          state.cmp = String(message.cmp);
          state.result = message.result === true;
          break;
      }
    },
  );
  return states;
}

/** Answers the scenario's consent question on a loaded page. `before-consent` never interacts. */
export async function answerConsent(
  page: Page,
  scenario: Scenario,
  sdk: boolean,
  states: Map<Frame, FrameState> | undefined,
  assets: AutoconsentAssets,
  capMs: number,
): Promise<ConsentOutcome> {
  if (scenario === "before-consent") return { method: "none", answered: false, note: "no interaction" };
  if (sdk) return answerWithSdk(page, scenario);
  if (!states) return { method: "none", answered: false, note: "no consent banner could be answered" };
  return answerWithAutoconsent(page, scenario, states, assets, capMs);
}

export type { AutoconsentAssets, FrameState };
