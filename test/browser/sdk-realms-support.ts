/**
 * The adversarial page (https://www.dingtalk.com/adversarial/, catalogue in
 * test/fixtures/property-set/js/adversarial/): visit it, leave it, read what stayed through CDP.
 */
import type { Page } from "playwright-core";
import { itemName, NECESSARY, techniques } from "../fixtures/property-set/js/adversarial/index.ts";
import { clearStorage, collectStorage } from "../support/collect.ts";
import { visit } from "../support/property-set.ts";

export { NECESSARY, techniques };
export const ORIGINS = ["https://www.dingtalk.com", "https://im.dingtalk.com"];
const PAGE = "https://www.dingtalk.com/adversarial/";

type Ledger = {
  on(ev: string, f: () => void): void;
  inventory(): Promise<{ findings: { type: string; item: { kind: string; name: string } }[] }>;
  consent: Record<string, () => Promise<unknown>>;
};

/** Empties the profile, then decides (`acceptAll`/`rejectAll`) on the site when asked. */
export async function prepare(page: Page, decision?: "acceptAll" | "rejectAll") {
  await clearStorage(page.context(), ORIGINS);
  if (!decision) return;
  await visit(page, `${PAGE}after?sdk=1`);
  await page.evaluate(
    (d) => (window as never as { cookieLedger: Ledger }).cookieLedger.consent[d]!(),
    decision,
  );
}

/**
 * Runs every technique (`sdk`: whether the page carries the SDK), leaves for a page of the same origin (leave-time
 * writes), lets the SDK's safety net sweep once there, and returns `kind name` of every stored item.
 */
export async function storedAfterRun(page: Page, sdk: boolean, sweep = sdk): Promise<Run> {
  const q = `?sdk=${sdk ? 1 : 0}`;
  await page.goto(PAGE + q);
  await page.waitForSelector("html[data-ready]", { state: "attached", timeout: 45_000 }).catch(async (e) => {
    const done = JSON.parse((await page.getAttribute("html", "data-results")) ?? "{}");
    throw new Error(`unsettled: ${techniques.filter((t) => t.run && !done[t.id]).map((t) => t.id)}`, {
      cause: e,
    });
  });
  const results = JSON.parse((await page.getAttribute("html", "data-results")) ?? "{}");
  const findings: string[] = [];
  if (sweep)
    findings.push(
      ...(await page.evaluate(async () => {
        const L = (window as never as { cookieLedger: Ledger }).cookieLedger;
        // The safety net sweeps on visibilitychange and reports each sweep.
        await new Promise((done) => {
          L.on("sweep", () => done(undefined));
          document.dispatchEvent(new Event("visibilitychange"));
        });
        const { findings } = await L.inventory();
        return findings
          .filter((f) => f.type === "present-while-blocked")
          .map((f) => `${f.item.kind} ${f.item.name}`);
      })),
    );
  const during = names(await collectStorage(page, { origins: ORIGINS }));
  // Leave-time writes, read from a page without the SDK (so no sweep of the next page hides them).
  await visit(page, `${PAGE}after?sdk=0`);
  const after = names(await collectStorage(page, { origins: ORIGINS }));
  const stored = new Set([
    ...techniques
      .filter((t) => !t.onLeave)
      .map(keyOf)
      .filter((k) => during.has(k)),
    ...techniques
      .filter((t) => t.onLeave)
      .map(keyOf)
      .filter((k) => after.has(k)),
  ]);
  for (const n of NECESSARY)
    if (during.has(`${n.kind} ${n.name}`) && after.has(`${n.kind} ${n.name}`))
      stored.add(`${n.kind} ${n.name}`);
  return { stored, results, findings };
}

interface Run {
  /** `kind name` of the technique items and necessary controls that were stored. */
  stored: Set<string>;
  /** Technique id → "ok" or the error it settled with. */
  results: Record<string, string>;
  /** `kind name` of the safety net's findings reported during the final sweep. */
  findings: string[];
}
const names = (items: { kind: string; name: string }[]) => new Set(items.map((i) => `${i.kind} ${i.name}`));

export const keyOf = (t: (typeof techniques)[number]) => `${t.kind} ${itemName(t)}`;

/** Ids of the techniques whose item is (`true`) or is not stored. */
export const ids = (stored: Set<string>, present: boolean) =>
  techniques.filter((t) => stored.has(keyOf(t)) === present).map((t) => t.id);

/** Runs `NAIVE_GUARD` first in the adversarial page's top document only, as a consent tool's head snippet. */
export async function withNaiveGuard(page: Page) {
  await page.addInitScript({
    content: `if (window === top && location.pathname === "/adversarial/") ${NAIVE_GUARD}`,
  });
}

/** A consent tool's usual guard: `document.cookie` on the document and `Storage.prototype.setItem`. */
export const NAIVE_GUARD = `(() => {
  const d = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  const bad = (n) => /^\\s*adv_/.test(String(n));
  Object.defineProperty(document, "cookie", {
    get() { return d.get.call(this); },
    set(v) { if (!bad(v)) d.set.call(this, v); },
    configurable: true,
  });
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) { if (!bad(k)) return set.call(this, k, v); };
})();`;
