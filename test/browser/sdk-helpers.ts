/** Helpers shared by the SDK's browser tests: ground-truth expectations and serving the lazy part. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import type { ObservedItem } from "../../shared/model.ts";
import { clearStorage, collectStorage } from "../support/collect.ts";
import type { SdkScenario } from "../support/ground-truth.ts";
import { visit } from "../support/property-set.ts";

export interface TruthItem {
  kind: ObservedItem["kind"];
  name: string;
  domain?: string;
  origin?: string;
  path?: string;
  httpOnly?: boolean;
  category: string | null;
  setBy: "http" | "js";
  via: string;
  thirdPartyCookie?: boolean;
}
export interface TruthPage {
  url: string;
  host: string;
  items: TruthItem[];
  problems?: { type: string; item: { kind: string; name: string } }[];
}
interface GroundTruth {
  pages: TruthPage[];
  flows: {
    start: string;
    fields: Record<string, string>;
    submit: string;
    lands: string;
    signedInMarker: string;
    items: TruthItem[];
  }[];
}

const root = join(import.meta.dirname, "..", "..");
export const truth = JSON.parse(
  readFileSync(join(root, "test/fixtures/property-set/ground-truth.json"), "utf8"),
) as GroundTruth;

const under = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);
const site = (host: string) => host.split(".").slice(-2).join(".");

/**
 * Whether script in the page can reach the item: a first-party cookie that is not HttpOnly and whose path
 * covers the page, or first-party web storage, IndexedDB, Cache Storage. Third-party cookies, HttpOnly ones
 * and cookies scoped to another path are out of a page's reach (docs/sdk.md, "Limits").
 */
export function reachable(item: TruthItem, page: TruthPage): boolean {
  if (item.kind !== "cookie") return item.origin === new URL(page.url).origin;
  const path = new URL(page.url).pathname;
  return (
    !item.httpOnly &&
    under(page.host, item.domain!) &&
    under(item.domain!, site(page.host)) &&
    (item.path === undefined || item.path === "/" || path.startsWith(item.path))
  );
}

export const key = (i: { kind: string; name: string; domain?: string; origin?: string }) =>
  `${i.kind} ${i.name} ${i.kind === "cookie" ? i.domain : i.origin}`;

/** Serves dist/sdk/cookie-ledger-extras.js next to the core on every host of the property set. */
export async function serveExtras(context: BrowserContext) {
  const body = readFileSync(join(root, "dist/sdk/cookie-ledger-extras.js"), "utf8");
  await context.route("**/cookie-ledger-extras.js", (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body }),
  );
}

/** Visits a page and returns the keys of everything stored afterwards (read through CDP). */
export async function visitAndCollect(page: Page, url: string, origins: string[] = []): Promise<Set<string>> {
  await visit(page, url);
  await settle(page);
  return new Set((await collectStorage(page, { origins })).map(key));
}

/**
 * Waits for the SDK's pending purges. It purges HTTP-set cookies on `load` and on cookie change events; a
 * cookieStore round trip shares the channel those events come through, so pending ones are delivered by the
 * time it answers, and one more task lets the SDK's handler run.
 */
async function settle(page: Page) {
  await page.evaluate(async () => {
    await (window as never as { cookieStore: { getAll(): Promise<unknown> } }).cookieStore.getAll();
    await new Promise((r) => setTimeout(r, 0));
  });
}

/**
 * A page of the property set served with the SDK, visited alone in an emptied profile under a ground-truth
 * scenario (`sdkMode.scenarios`): the decision is taken on the page, which is then loaded again so that HTTP
 * responses see the consent cookie. Returns everything stored afterwards, read through CDP.
 */
export async function visitInScenario(
  page: Page,
  url: string,
  scenario: SdkScenario,
  origins: readonly string[],
): Promise<ObservedItem[]> {
  await clearStorage(page.context(), origins);
  if (scenario.decision) {
    await visit(page, url);
    await page.evaluate(
      (d) =>
        (window as never as { cookieLedger: { consent: Record<string, () => Promise<unknown>> } })
          .cookieLedger.consent[d]!(),
      scenario.decision,
    );
  }
  await visit(page, url);
  await settle(page);
  return collectStorage(page);
}
