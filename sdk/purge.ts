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
  const loc = win.location;
  const removed: ObservedItem[] = [];
  const unreachable: ObservedItem[] = [];
  const item = (kind: StorageKind, name: string): ObservedItem =>
    kind === "cookie" ? { kind, name, domain: loc.hostname } : { kind, name, origin: loc.origin };
  const jar = () => cookieNames(n.cookie.get!.call(win.document));
  const names = new Set(jar().filter((name) => doomed("cookie", name)));
  for (const name of names)
    for (const s of deletions(name, loc.hostname, c.properties, loc.pathname, loc.protocol === "https:"))
      n.cookie.set!.call(win.document, s);
  const left = jar();
  for (const name of names) (left.includes(name) ? unreachable : removed).push(item("cookie", name));
  for (const [kind, s] of [
    ["localStorage", n.ls],
    ["sessionStorage", n.ss],
  ] as const) {
    if (!s) continue;
    const keys: string[] = [];
    for (let i = 0; i < s.length; i++) keys.push(s.key(i)!);
    for (const k of keys)
      if (doomed(kind, k)) {
        n.rm.call(s, k);
        removed.push(item(kind, k));
      }
  }
  try {
    for (const { name } of await win.indexedDB.databases())
      if (name && doomed("indexedDB", name)) {
        n.idel!.call(win.indexedDB, name);
        removed.push(item("indexedDB", name));
      }
  } catch {}
  try {
    for (const name of await win.caches.keys())
      if (doomed("cacheStorage", name)) {
        await n.cdel!.call(win.caches, name);
        removed.push(item("cacheStorage", name));
      }
  } catch {}
  return { removed, unreachable };
}
