/**
 * Removes stored items the predicate selects: cookies in every domain/path variant the page can reach,
 * web storage keys, IndexedDB databases, caches. Cookies and web storage go synchronously (before the
 * first `await`), so page scripts after the SDK never see them. HttpOnly cookies are invisible to
 * script: they cannot be removed (or even seen) here — see docs/sdk.md, "Limits".
 */
import type { ObservedItem } from "../shared/model.ts";
import { cookieNames } from "./cookie-string.ts";
import type { Core } from "./core.ts";
import type { PurgeResult, StorageKind } from "./types.ts";
import { deletions } from "./variants.ts";

export async function purge(
  c: Core,
  doomed: (kind: StorageKind, name: string) => boolean,
): Promise<PurgeResult> {
  const { win, n } = c;
  const { hostname: domain, origin, pathname, protocol } = win.location;
  const doc = win.document;
  const removed: ObservedItem[] = [];
  const unreachable: ObservedItem[] = [];
  const gone = (kind: StorageKind, name: string) => removed.push({ kind, name, origin });
  const jar = () => cookieNames(n.cookie.get!.call(doc));
  const names = new Set(jar().filter((name) => doomed("cookie", name)));
  for (const name of names)
    for (const s of deletions(name, domain, c.properties, pathname, protocol === "https:"))
      n.cookie.set!.call(doc, s);
  const left = jar();
  for (const name of names)
    (left.includes(name) ? unreachable : removed).push({ kind: "cookie", name, domain });
  for (const [kind, s] of [
    ["localStorage", n.ls],
    ["sessionStorage", n.ss],
  ] as const)
    if (s)
      for (const k of Array.from({ length: s.length }, (_, i) => s.key(i)!))
        if (doomed(kind, k)) {
          n.rm.call(s, k);
          gone(kind, k);
        }
  try {
    for (const { name } of await win.indexedDB.databases())
      if (name && doomed("indexedDB", name)) {
        n.idel!.call(win.indexedDB, name);
        gone("indexedDB", name);
      }
  } catch {}
  try {
    for (const name of await win.caches.keys())
      if (doomed("cacheStorage", name)) {
        await n.cdel!.call(win.caches, name);
        gone("cacheStorage", name);
      }
  } catch {}
  return { removed, unreachable };
}
