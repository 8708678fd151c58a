/**
 * `cookie-ledger/sw` (dist/sdk/sw.js): the guard a site imports first in its service worker.
 *
 *   import { guardServiceWorker } from "cookie-ledger/sw";
 *   guardServiceWorker({ registry: "/.well-known/cookie-ledger.json" }); // or the registry object
 *
 * IndexedDB, Cache Storage and `cookieStore` writes then follow the consent: read from the record cookie
 * when the worker starts (service workers have `cookieStore`), then from every page's SDK over the
 * `cookie-ledger` BroadcastChannel. Until the registry and record are read, `caches.open` and
 * `cookieStore.set` wait; an IndexedDB open that early is refused (its request cannot wait).
 */
import { compileClassifier } from "./classify.ts";
import type { Core, Realm } from "./core.ts";
import { hookAsyncStores } from "./hooks/async-stores.ts";
import { disguise } from "./hooks/prototypes.ts";
import { type Fn, method } from "./hooks/util.ts";
import { CONSENT_COOKIE } from "./ledger.ts";
import { CHANNEL } from "./realms/workers.ts";
import { decodeRecord } from "./record.ts";
import type { Registry, UndeclaredPolicy } from "./types.ts";

export interface ServiceWorkerGuardOptions {
  /** The registry, or its URL (fetched when the worker starts). */
  registry: Registry | string;
  policy?: UndeclaredPolicy;
}

type SW = typeof globalThis & {
  cookieStore?: { get(n: string): Promise<{ value: string } | null> };
  CookieStore?: { prototype: object };
};

/** Installs the guard in this service worker; returns a promise settled once registry and consent are known. */
export function guardServiceWorker(o: ServiceWorkerGuardOptions): Promise<void> {
  const g = self as SW;
  let cats: Record<string, boolean> = {};
  let match: ReturnType<typeof compileClassifier> | undefined;
  const allowed = (cat: string | undefined) =>
    cat === undefined ? o.policy !== "block" : cat === "necessary" || !!cats[cat];
  const own = new WeakSet<object>();
  const c = {
    own,
    gate: (p: { kind: never; name: string; op: string; domain?: string; path?: string }) =>
      p.op === "delete" ||
      (!!match && allowed(match(p.kind, p.name, p.domain || g.location.hostname, p.path)?.category)),
  } as unknown as Core;
  hookAsyncStores(g as unknown as Realm, c);
  const ready = (async () => {
    const r =
      typeof o.registry === "string" ? ((await (await fetch(o.registry)).json()) as Registry) : o.registry;
    const rec = decodeRecord((await g.cookieStore?.get(CONSENT_COOKIE).catch(() => null))?.value);
    if (rec?.revision === r.revision) cats = rec.categories;
    match = compileClassifier(r);
  })().catch(() => {});
  // Writes that return a promise wait for the registry and the record.
  for (const P of [g.CacheStorage?.prototype, g.CookieStore?.prototype])
    method(
      P,
      P === g.CacheStorage?.prototype ? "open" : "set",
      own,
      (f) =>
        ({
          m(this: unknown, ...a: unknown[]) {
            return ready.then(() => (f as Fn).apply(this, a));
          },
        }).m,
    );
  disguise(g as unknown as Realm, own);
  try {
    new BroadcastChannel(CHANNEL).onmessage = (e) => {
      if (e.data?.a) cats = e.data.a;
    };
  } catch {}
  return ready;
}
