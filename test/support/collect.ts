import type { BrowserContext, CDPSession, Page } from "playwright-core";
import type { ObservedItem } from "../../shared/model.ts";

export interface CollectOptions {
  /**
   * Origins (`https://im.dingtalk.com`) whose localStorage, IndexedDB and Cache Storage are read even when no
   * open frame shows them. sessionStorage belongs to a tab, so it is read from open frames only.
   */
  origins?: readonly string[];
}

/**
 * Everything the browser holds, read through CDP — never through the page's own JS APIs, which an SDK may wrap:
 * every cookie of the profile (HttpOnly and partitioned ones too), web storage of each open frame's storage key
 * (plus `origins`), IndexedDB database names and Cache Storage names per storage key.
 */
export async function collectStorage(
  target: BrowserContext | Page,
  options: CollectOptions = {},
): Promise<ObservedItem[]> {
  const isPage = "mainFrame" in target;
  const context = isPage ? target.context() : target;
  const pages = isPage ? [target] : context.pages().filter((p) => isWeb(p.url()));
  const temp: Page[] = [];
  try {
    const anchor = pages[0] ?? context.pages()[0] ?? (await track(temp, context.newPage()));
    const anchorSession = await context.newCDPSession(anchor);
    const items: ObservedItem[] = await readCookies(anchorSession);
    const seenLocal = new Set<string>();
    const keys = new Map<string, { session: CDPSession; frame?: string }>();
    for (const page of pages) {
      for (const { session, frameId, url } of await webFrames(context, page)) {
        const storageKey = await storageKeyFor(session, frameId, url);
        if (!keys.has(storageKey)) keys.set(storageKey, { session, frame: url });
        if (!seenLocal.has(storageKey)) {
          seenLocal.add(storageKey);
          items.push(...(await readDomStorage(session, storageKey, true, url)));
        }
        // sessionStorage is per tab: read it for every page showing the storage key.
        items.push(...(await readDomStorage(session, storageKey, false, url)));
      }
    }
    for (const origin of options.origins ?? []) {
      const storageKey = `${new URL(origin).origin}/`;
      if (keys.has(storageKey)) continue;
      const session = await blankDocument(context, temp, origin);
      keys.set(storageKey, { session });
      items.push(...(await readDomStorage(session, storageKey, true, undefined)));
    }
    for (const [storageKey, { session, frame }] of keys) {
      items.push(...(await readDatabases(session, storageKey, frame)));
    }
    return items;
  } finally {
    for (const page of temp) await page.close().catch(() => undefined);
  }
}

const isWeb = (url: string) => url.startsWith("https:") || url.startsWith("http:");

async function track(temp: Page[], page: Promise<Page>): Promise<Page> {
  const opened = await page;
  temp.push(opened);
  return opened;
}

interface CdpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  size: number;
  httpOnly: boolean;
  secure: boolean;
  session: boolean;
  sameSite?: "Strict" | "Lax" | "None";
  partitionKey?: { topLevelSite: string; hasCrossSiteAncestor: boolean };
}

async function readCookies(session: CDPSession): Promise<ObservedItem[]> {
  // Storage.getCookies returns partitioned (CHIPS) cookies with their partitionKey.
  const { cookies } = (await session.send("Storage.getCookies", {})) as { cookies: CdpCookie[] };
  return cookies.map((c) => ({
    kind: "cookie",
    name: c.name,
    domain: c.domain.replace(/^\./, ""),
    hostOnly: !c.domain.startsWith("."),
    path: c.path,
    ...(c.partitionKey ? { partitionKey: c.partitionKey.topLevelSite } : {}),
    httpOnly: c.httpOnly,
    secure: c.secure,
    ...(c.sameSite ? { sameSite: c.sameSite } : {}),
    expires: c.session ? null : Math.round(c.expires * 1000),
    size: c.size,
    setBy: "unknown",
    value: c.value,
  }));
}

interface FrameRef {
  session: CDPSession;
  frameId: string;
  url: string;
}

interface FrameTreeNode {
  frame: { id: string; url: string };
  childFrames?: FrameTreeNode[];
}

/**
 * The page's frames with a web origin, each with a CDP session that can address it: out-of-process (cross-site)
 * iframes are not in the page target's frame tree and need a session of their own.
 */
async function webFrames(context: BrowserContext, page: Page): Promise<FrameRef[]> {
  const sessions = [await context.newCDPSession(page)];
  for (const frame of page.frames().slice(1)) {
    try {
      sessions.push(await context.newCDPSession(frame));
    } catch {
      // Same-process frame: already in its parent's frame tree.
    }
  }
  const refs: FrameRef[] = [];
  for (const session of sessions) {
    const { frameTree } = (await session.send("Page.getFrameTree")) as { frameTree: FrameTreeNode };
    const walk = (node: FrameTreeNode) => {
      if (isWeb(node.frame.url)) refs.push({ session, frameId: node.frame.id, url: node.frame.url });
      node.childFrames?.forEach(walk);
    };
    walk(frameTree);
  }
  return refs;
}

async function storageKeyFor(session: CDPSession, frameId: string, url: string): Promise<string> {
  try {
    const { storageKey } = (await session.send("Storage.getStorageKeyForFrame", { frameId })) as {
      storageKey: string;
    };
    return storageKey;
  } catch {
    return `${new URL(url).origin}/`;
  }
}

/** `https://ads.adnet.test/^0https://dingtalk.com` → origin and, for third-party storage, its top-level site. */
export function parseStorageKey(storageKey: string): { origin: string; partitionKey?: string } {
  const [first = "", ...attributes] = storageKey.split("^");
  const origin = first.replace(/\/$/, "");
  const topLevel = attributes.find((a) => a.startsWith("0"))?.slice(1);
  return topLevel ? { origin, partitionKey: topLevel } : { origin };
}

async function readDomStorage(
  session: CDPSession,
  storageKey: string,
  isLocalStorage: boolean,
  frame: string | undefined,
): Promise<ObservedItem[]> {
  const { origin, partitionKey } = parseStorageKey(storageKey);
  const { entries } = (await session.send("DOMStorage.getDOMStorageItems", {
    storageId: { storageKey, isLocalStorage },
  })) as { entries: [string, string][] };
  return entries.map(([name, value]) => ({
    kind: isLocalStorage ? "localStorage" : "sessionStorage",
    name,
    origin,
    ...(partitionKey ? { partitionKey } : {}),
    size: name.length + value.length,
    setBy: "js",
    ...(frame ? { frame } : {}),
    value,
  }));
}

async function readDatabases(
  session: CDPSession,
  storageKey: string,
  frame?: string,
): Promise<ObservedItem[]> {
  const { origin, partitionKey } = parseStorageKey(storageKey);
  const base = {
    origin,
    ...(partitionKey ? { partitionKey } : {}),
    setBy: "js" as const,
    ...(frame ? { frame } : {}),
  };
  const { databaseNames } = (await session.send("IndexedDB.requestDatabaseNames", { storageKey })) as {
    databaseNames: string[];
  };
  const { caches } = (await session.send("CacheStorage.requestCacheNames", { storageKey })) as {
    caches: { cacheName: string }[];
  };
  return [
    ...databaseNames.map((name): ObservedItem => ({ kind: "indexedDB", name, ...base })),
    ...caches.map((c): ObservedItem => ({ kind: "cacheStorage", name: c.cacheName, ...base })),
  ];
}

/**
 * A tab showing an empty document of `origin`, so CDP can address that origin's storage (DOMStorage needs a
 * frame). The document is answered locally: no request reaches the server, nothing runs, nothing is stored.
 */
async function blankDocument(context: BrowserContext, temp: Page[], origin: string): Promise<CDPSession> {
  const page = await track(temp, context.newPage());
  const url = `${new URL(origin).origin}/__cookie-ledger-collect__`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "" }));
  await page.goto(url);
  return context.newCDPSession(page);
}
