import type { Scripting, Tabs } from "webextension-polyfill";
import type { OptionalCategory } from "../../shared/categories.ts";
import type { ClearReport } from "../../shared/protocol/messages.ts";
import { type CookieApi, cookieToItem, removeCookies } from "./cookies.ts";
import { clearFrameStorage, type StorageTarget } from "./frame-scripts.ts";
import type { Built } from "./inventory.ts";
import { clearThroughSdk, type SendToTab } from "./sdk.ts";
import { siteOfUrl } from "./site.ts";

export interface ClearDeps {
  tabs: Pick<Tabs.Static, "query">;
  scripting: Pick<Scripting.Static, "executeScript">;
  cookies: CookieApi;
  sendToTab: SendToTab;
  /** Builds the tab's inventory (classified); called before and after clearing. */
  build(tabId: number): Promise<Built>;
}

/**
 * Clears one optional category for the tab's site: the page's SDK (if any) withdraws consent first so
 * it does not write again; then cookies across domains, paths and partitions, and web storage, IndexedDB
 * and caches in every open tab of the site. A fresh inventory afterwards is the verification: whatever
 * of the category is still there is reported as not removed. `necessary` is never touched.
 */
export async function clearCategory(
  deps: ClearDeps,
  tabId: number,
  category: OptionalCategory,
): Promise<ClearReport> {
  if ((category as string) === "necessary") throw new Error("necessary items are never cleared");
  const before = await deps.build(tabId);
  const { site } = before.inventory;
  const tabs = (await deps.tabs.query({})).filter((t) => t.id !== undefined && siteOfUrl(t.url) === site);
  const sdkResults = await Promise.all(tabs.map((t) => clearThroughSdk(deps.sendToTab, t.id!, category)));

  const targets = before.inventory.items.filter((i) => i.category === category);
  const cookies = targets.flatMap((i) => {
    const c = before.cookies.get(i.key);
    return c ? [c] : [];
  });
  const storage: StorageTarget[] = targets
    .filter((i) => i.item.kind !== "cookie" && i.item.kind !== "flash" && i.item.origin)
    .map((i) => ({ kind: i.item.kind as StorageTarget["kind"], name: i.item.name, origin: i.item.origin! }));

  const [removal] = await Promise.all([
    removeCookies(deps.cookies, cookies),
    storage.length === 0
      ? Promise.resolve()
      : Promise.all(
          tabs.map((t) =>
            deps.scripting
              .executeScript({
                target: { tabId: t.id!, allFrames: true },
                func: clearFrameStorage,
                args: [storage],
              })
              .catch(() => undefined),
          ),
        ),
  ]);

  const after = await deps.build(tabId);
  const left = after.inventory.items.filter((i) => i.category === category);
  const leftKeys = new Set(left.map((i) => i.key));
  const failed = left.map((i) => {
    const reason =
      removal.failed.find((f) => cookieToItem(f.cookie).name === i.item.name)?.reason ??
      (i.item.kind === "cookie"
        ? "set again or not removable"
        : "still present (open connection or rewritten)");
    return { item: i.item, reason };
  });
  return {
    site,
    category,
    removed: targets.filter((i) => !leftKeys.has(i.key)).map((i) => i.item),
    failed,
    sdkConsent: sdkResults.some(Boolean),
  };
}
