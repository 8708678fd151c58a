import type { Cookies, Scripting, Tabs } from "webextension-polyfill";
import type { OptionalCategory } from "../../shared/categories.ts";
import { entryCategory } from "../../shared/match/compile.ts";
import { normalizeDomain } from "../../shared/match/domain.ts";
import type { ConsentState, ObservedItem } from "../../shared/model.ts";
import type { Inventory, InventoryItem, UnholdableItem } from "../../shared/protocol/messages.ts";
import type { Registry } from "../../shared/registry/schema.ts";
import { registryRules } from "./blocking/plan.ts";
import type { SiteHints } from "./blocking/settings.ts";
import {
  classify,
  confineToSite,
  inventoryItem,
  itemKey,
  type KnownLookup,
  type RegistrySource,
  registrySource,
} from "./classify.ts";
import { type CookieApi, cookieToItem, readCookies, readPartitionedUnder } from "./cookies.ts";
import { collectFrameStorage, type FrameReport } from "./frame-scripts.ts";
import type { History } from "./history.ts";
import { readSdk, type SdkView, type SendToTab } from "./sdk.ts";
import { inSites, propertySet, siteOfHost, siteOfUrl } from "./site.ts";
import type { WellKnownCache } from "./well-known.ts";

export interface InventoryDeps {
  tabs: Pick<Tabs.Static, "get">;
  scripting: Pick<Scripting.Static, "executeScript">;
  cookies: CookieApi;
  sendToTab: SendToTab;
  bundled: readonly RegistrySource[];
  known?: KnownLookup;
  wellKnown: WellKnownCache;
  history: History;
  blockedFor(site: string): Promise<OptionalCategory[]>;
  saveHints(site: string, hints: SiteHints): Promise<void>;
}

/** Everything the browser holds for a tab, before classification. */
export interface Collected {
  tab: Tabs.Tab & { url: string };
  site: string;
  properties: string[];
  cookies: Cookies.Cookie[];
  storage: ObservedItem[];
  unreadFrames: string[];
  sdk?: SdkView;
  wellKnown?: Registry;
}

async function readFrames(deps: InventoryDeps, tabId: number) {
  try {
    const results = await deps.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: collectFrameStorage,
    });
    return results.map((r) => r.result as FrameReport | undefined);
  } catch {
    return [];
  }
}

/** Registry domains outside the site: the third parties whose cookies belong in the inventory. */
function declaredThirdParties(registries: readonly Registry[], properties: string[]): string[] {
  const out = new Set<string>();
  for (const r of registries)
    for (const e of r.entries)
      if (e.kind === "cookie" && e.domain && !inSites(e.domain, properties))
        out.add(normalizeDomain(e.domain));
  return [...out];
}

export async function collect(deps: InventoryDeps, tabId: number): Promise<Collected> {
  const tab = await deps.tabs.get(tabId);
  const site = siteOfUrl(tab.url);
  if (!tab.url || !site) throw new Error("not a web page");
  const properties = propertySet(
    site,
    deps.bundled.map((b) => b.registry),
  );
  const origin = new URL(tab.url).origin;
  const [frames, sdk, wellKnown] = await Promise.all([
    readFrames(deps, tabId),
    readSdk(deps.sendToTab, tabId),
    deps.wellKnown.get(origin),
  ]);
  const storage = new Map<string, ObservedItem>();
  const hosts = new Set<string>();
  const unreadFrames: string[] = [];
  for (const frame of frames) {
    if (!frame) continue;
    if (frame.errors.length > 0) unreadFrames.push(frame.url);
    for (const h of frame.hosts) hosts.add(h);
    hosts.add(new URL(frame.url).hostname);
    for (const item of frame.items) {
      const observed: ObservedItem = { ...item, setBy: "unknown" };
      storage.set(itemKey(observed), observed);
    }
  }
  const registries = [sdk?.registry, wellKnown, ...deps.bundled.map((b) => b.registry)].filter(
    (r): r is Registry => r !== undefined,
  );
  const hostSites = [...hosts].map((h) => siteOfHost(h)).filter((s): s is string => s !== undefined);
  const domains = [
    ...new Set([...properties, ...hostSites, ...declaredThirdParties(registries, properties)]),
  ];
  const [jar, partitioned] = await Promise.all([
    readCookies(deps.cookies, domains),
    readPartitionedUnder(deps.cookies, properties),
  ]);
  // A partitioned cookie belongs to this site only when its partition is keyed by one of the properties.
  const cookies = [...jar, ...partitioned].filter((c) => {
    const top = c.partitionKey?.topLevelSite;
    return top === undefined || inSites(new URL(top).hostname, properties);
  });
  const unique = new Map(cookies.map((c) => [itemKey(cookieToItem(c)), c]));
  return {
    tab: { ...tab, url: tab.url },
    site,
    properties,
    cookies: [...unique.values()],
    storage: [...storage.values()],
    unreadFrames,
    sdk,
    wellKnown,
  };
}

/** Declared items no browser can hold (Flash cookies), from the registries that cover the site. */
function unholdable(sources: readonly RegistrySource[]): UnholdableItem[] {
  const seen = new Set<string>();
  const all = sources.flatMap((s) =>
    s.registry.entries
      .filter((e) => e.kind === "flash")
      .map((e) => ({
        kind: e.kind,
        name: e.name,
        category: entryCategory(s.registry, e),
        description: e.description,
        provider: e.provider,
      })),
  );
  // The first (highest-precedence) source that declares a name wins.
  return all.filter((u) => !seen.has(`${u.kind}:${u.name}`) && seen.add(`${u.kind}:${u.name}`));
}

/** Undeclared first, then violations by weight, then everything else; by name within each. */
const WEIGHT: Record<string, number> = {
  undeclared: 4,
  "present-while-blocked": 3,
  "retention-exceeds-declared": 2,
  "set-before-consent": 1,
};
const weight = (r: InventoryItem) => Math.max(0, ...r.findings.map((f) => WEIGHT[f] ?? 0));

function order(a: InventoryItem, b: InventoryItem): number {
  const w = weight(b) - weight(a);
  return w !== 0 ? w : a.item.name.localeCompare(b.item.name);
}

export interface Built {
  inventory: Inventory;
  /** The browser's cookie objects by item key (removal needs the exact store and partition key). */
  cookies: Map<string, Cookies.Cookie>;
}

export async function buildInventory(deps: InventoryDeps, tabId: number, now = Date.now()): Promise<Built> {
  const c = await collect(deps, tabId);
  const sources: RegistrySource[] = [];
  if (c.sdk?.registry) sources.push(registrySource("sdk", confineToSite(c.sdk.registry, c.site)));
  if (c.wellKnown) sources.push(registrySource("well-known", confineToSite(c.wellKnown, c.site)));
  const covering = deps.bundled.filter((b) => b.registry.properties.some((p) => inSites(p, c.properties)));
  sources.push(...deps.bundled);
  const blocked = new Set(await deps.blockedFor(c.site));
  const sdkSetBy = new Map((c.sdk?.observed ?? []).map((o) => [`${o.kind}|${o.name}`, o.setBy]));
  const observed = [...c.cookies.map(cookieToItem), ...c.storage].map((o) => {
    const setBy = o.setBy === "unknown" ? sdkSetBy.get(`${o.kind}|${o.name}`) : undefined;
    return setBy ? { ...o, setBy } : o;
  });
  // The page's consent when it runs an SDK; otherwise nobody asked, so nothing was consented to.
  const consent: ConsentState = {
    ...(c.sdk?.consent ?? {
      decided: false,
      categories: { functional: false, analytics: false, marketing: false },
    }),
    blocked: [...blocked],
  };
  const rows = observed.map((o) => inventoryItem(o, classify(o, sources, deps.known), consent, now));
  const seen = await deps.history
    .touch(
      c.site,
      rows.map((r) => ({ key: r.key, kind: r.item.kind, name: r.item.name })),
      now,
    )
    .catch(() => new Map());
  for (const r of rows) {
    const h = seen.get(r.key);
    if (h) {
      r.firstSeen = h.firstSeen;
      r.lastSeen = h.lastSeen;
      r.item.firstSeen = h.firstSeen;
    }
  }
  rows.sort(order);
  const relevant = sources.filter((s) => s.classifier !== "bundled" || covering.includes(s));
  await deps.saveHints(c.site, hintsOf(rows, c.properties, relevant)).catch(() => undefined);
  const inventory: Inventory = {
    site: c.site,
    tabId,
    url: c.tab.url,
    generatedAt: now,
    sources: sources.map((s) => s.classifier).filter((s, i, all) => all.indexOf(s) === i),
    sdk: c.sdk ? { version: c.sdk.version, revision: c.sdk.revision } : undefined,
    blocked: [...blocked],
    items: rows,
    unholdable: unholdable(relevant),
    unreadFrames: c.unreadFrames,
  };
  return { inventory, cookies: new Map(c.cookies.map((k) => [itemKey(cookieToItem(k)), k])) };
}

/** What blocking remembers of this inventory (see blocking/plan.ts). */
export function hintsOf(
  rows: readonly InventoryItem[],
  properties: string[],
  sources: readonly RegistrySource[],
) {
  const hints: SiteHints = {
    names: [],
    thirdParty: {},
    rules: registryRules(sources.map((s) => s.registry)),
  };
  for (const r of rows) {
    if (r.category && r.classifier === "open-cookie-database")
      hints.names.push([r.item.kind, r.item.name, r.category]);
    const d = r.item.kind === "cookie" ? r.item.domain : undefined;
    if (d && !inSites(d, properties)) {
      const list = hints.thirdParty[d] ?? [];
      const cat = r.category ?? "unknown";
      if (!list.includes(cat)) list.push(cat);
      hints.thirdParty[d] = list;
    }
  }
  return hints;
}
