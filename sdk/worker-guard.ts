/**
 * dist/sdk/cookie-ledger-worker.js: loaded first in every dedicated or shared worker the page starts
 * (realms/workers.ts). IndexedDB, Cache Storage and `cookieStore` follow the page's consent; nested
 * workers get the guard too. Settings come from the wrapper; consent changes over the BroadcastChannel.
 */
import { compileClassifier } from "./classify.ts";
import type { Core, Realm } from "./core.ts";
import { hookAsyncStores } from "./hooks/async-stores.ts";
import { disguise } from "./hooks/prototypes.ts";
import { CHANNEL, hookWorkers, type WorkerSettings } from "./realms/workers.ts";

type G = typeof globalThis & { __cookieLedger?: WorkerSettings; __cookieLedgerOn?: boolean };

(() => {
  const g = self as G;
  const s = g.__cookieLedger;
  if (!s || g.__cookieLedgerOn) return;
  g.__cookieLedgerOn = true;
  const match = compileClassifier(s.r);
  const allowed = (cat: string | undefined) => (cat === undefined ? !s.b : cat === "necessary" || !!s.a[cat]);
  // The part of the page's core the store hooks use.
  const own = new WeakSet<object>();
  const c = {
    own,
    gate: (p: { kind: never; name: string; op: string; domain?: string; path?: string }) =>
      p.op === "delete" || allowed(match(p.kind, p.name, p.domain || s.h, p.path)?.category),
  } as unknown as Core;
  hookAsyncStores(g as unknown as Realm, c);
  try {
    new BroadcastChannel(CHANNEL).onmessage = (e) => {
      if (e.data?.a) s.a = e.data.a;
    };
  } catch {}
  hookWorkers(g, s.u, () => s, own);
  disguise(g as unknown as Realm, own);
})();
