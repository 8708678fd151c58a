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
  const jar = () => cookieNames(n.cookie.get!.call(doc));
  const names = new Set(jar().filter((name) => doomed("cookie", name)));
  for (const name of names)
    for (const s of deletions(name, domain, c.properties, pathname, protocol === "https:"))
      n.cookie.set!.call(doc, s);
  const left = jar();
  for (const name of names)
    (left.includes(name) ? unreachable : removed).push({ kind: "cookie", name, domain });
  /** Deletes `name` of `kind` through `del` when doomed. */
  const drop = (kind: StorageKind, name: string | null | undefined, del: () => unknown) => {
    if (name != null && doomed(kind, name)) {
      del();
      removed.push({ kind, name, origin });
    }
  };
  for (const [kind, s] of [
    ["localStorage", n.ls],
    ["sessionStorage", n.ss],
  ] as const)
    if (s)
      for (const k of Array.from({ length: s.length }, (_, i) => s.key(i)))
        drop(kind, k, () => n.rm.call(s, k!));
  try {
    const f = win.indexedDB;
    for (const { name } of await f.databases()) drop("indexedDB", name, () => n.idel!.call(f, name!));
  } catch {}
  try {
    const cs = win.caches;
    const gone: unknown[] = [];
    for (const name of await cs.keys()) drop("cacheStorage", name, () => gone.push(n.cdel!.call(cs, name)));
    await Promise.all(gone);
  } catch {}
  return { removed, unreachable };
}
