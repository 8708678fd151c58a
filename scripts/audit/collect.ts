/**
 * What a profile holds after a page visit: every cookie in the jar (HttpOnly and partitioned included, read
 * through CDP `Network.getAllCookies`), and per frame origin its localStorage, sessionStorage, IndexedDB
 * databases and Cache Storage caches. Values are never recorded, only their sizes.
 */
import type { BrowserContext, Frame, Page } from "playwright-core";
import type { ObservedItem } from "../../shared/model.ts";
import { type CdpCookie, cookieFromCdp } from "./cdp-cookie.ts";
import { cookieKey } from "./network.ts";

export async function collectCookies(
  context: BrowserContext,
  page: Page,
  httpCookies: ReadonlySet<string>,
  now: number,
): Promise<ObservedItem[]> {
  const session = await context.newCDPSession(page);
  try {
    const { cookies } = (await session.send("Network.getAllCookies")) as { cookies: CdpCookie[] };
    return cookies.map((c) => {
      const item = cookieFromCdp(c);
      item.firstSeen = now;
      item.setBy = httpCookies.has(cookieKey(c.name, item.domain!)) ? "http" : "js";
      return item;
    });
  } finally {
    await session.detach().catch(() => {});
  }
}

interface FrameStorage {
  origin: string;
  local: [string, number][];
  session: [string, number][];
  indexedDB: string[];
  caches: string[];
}

/**
 * Runs inside a frame. Each store is read on its own: a sandboxed frame may throw on one and not another.
 * Kept as source text, not a function: TypeScript runners (tsx, vitest) wrap nested functions in a `__name`
 * helper that does not exist in the page, which would make every read fail.
 */
const READ_FRAME_STORAGE = `(async () => {
  const entries = (store) => {
    const out = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key !== null) out.push([key, key.length + (store.getItem(key) ?? "").length]);
    }
    return out;
  };
  const result = { origin: location.origin, local: [], session: [], indexedDB: [], caches: [] };
  try { result.local = entries(localStorage); } catch {}
  try { result.session = entries(sessionStorage); } catch {}
  try { result.indexedDB = (await indexedDB.databases()).map((d) => d.name ?? "").filter(Boolean); } catch {}
  try { result.caches = await caches.keys(); } catch {}
  return result;
})()`;

async function frameStorage(frame: Frame): Promise<FrameStorage | undefined> {
  return (frame.evaluate(READ_FRAME_STORAGE) as Promise<FrameStorage>).catch(() => undefined);
}

/** Web storage, IndexedDB and Cache Storage of every frame, one item per origin and name. */
export async function collectStorage(page: Page, now: number): Promise<ObservedItem[]> {
  const frames = page.frames().filter((f) => !f.isDetached());
  const results = await Promise.all(
    frames.map(async (frame) => ({ frame, storage: await frameStorage(frame) })),
  );
  const seen = new Map<string, ObservedItem>();
  const add = (item: ObservedItem) => {
    const key = `${item.kind}|${item.origin}|${item.name}`;
    if (!seen.has(key)) seen.set(key, item);
  };
  for (const { frame, storage } of results) {
    if (!storage || storage.origin === "null") continue;
    const base = { origin: storage.origin, firstSeen: now, setBy: "js" as const, frame: frame.url() };
    for (const [name, size] of storage.local) add({ ...base, kind: "localStorage", name, size });
    for (const [name, size] of storage.session) add({ ...base, kind: "sessionStorage", name, size });
    for (const name of storage.indexedDB) add({ ...base, kind: "indexedDB", name });
    for (const name of storage.caches) add({ ...base, kind: "cacheStorage", name });
  }
  return [...seen.values()];
}

/** Stable identity of an item within one page visit. */
export function itemKey(item: ObservedItem): string {
  return [
    item.kind,
    item.name,
    item.domain ?? item.origin ?? "",
    item.path ?? "",
    item.partitionKey ?? "",
  ].join("|");
}

export async function collectAll(
  context: BrowserContext,
  page: Page,
  httpCookies: ReadonlySet<string>,
): Promise<ObservedItem[]> {
  const now = Date.now();
  const [cookies, storage] = await Promise.all([
    collectCookies(context, page, httpCookies, now),
    collectStorage(page, now),
  ]);
  return [...cookies, ...storage].sort((a, b) => itemKey(a).localeCompare(itemKey(b)));
}
