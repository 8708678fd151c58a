/**
 * Asynchronous stores: `indexedDB.open`/`deleteDatabase`, `caches.open`/`delete`, `cookieStore.set`/
 * `delete`. A blocked write is dropped (never held) and fails the way a browser with storage
 * disabled fails; deletions always pass.
 */
import { type Core, gated, type Realm } from "../core.ts";
import type { StorageKind } from "../types.ts";
import type { Fn } from "./util.ts";

const MESSAGE = "Storage blocked by Cookie Ledger (no consent)";

/** An IDBOpenDBRequest look-alike that fails asynchronously, as Chromium's does when storage is blocked. */
function deniedRequest(w: Realm) {
  const r = Object.assign(new w.EventTarget(), {
    readyState: "pending",
    error: null as unknown,
    onerror: null as Fn | null,
  });
  w.setTimeout(() => {
    const e = new w.Event("error");
    r.readyState = "done";
    r.error = new w.DOMException(MESSAGE, "UnknownError");
    r.dispatchEvent(e);
    r.onerror?.call(r, e);
  });
  return r;
}

export function hookAsyncStores(w: Realm, c: Core) {
  /** `P[set]` is checked (a blocked call returns `no()`); `P[del]` is recorded and always passes. */
  const hook = (P: object | undefined, set: string, del: string, kind: StorageKind, no: () => unknown) => {
    // `f(name)` or, for cookieStore, `f({ name, domain, path })`.
    const at = (a: never[], op: "set" | "delete") => {
      const o = (a[0] ?? {}) as { name?: unknown; domain?: string; path?: string };
      return {
        kind,
        op,
        name: String(kind === "cookie" && typeof o === "object" ? o.name : o),
        domain: o.domain,
        path: o.path,
      };
    };
    gated(c, P, set, (_, a) => at(a, "set"), no);
    gated(c, P, del, (_, a) => at(a, "delete"));
  };
  hook(w.IDBFactory?.prototype, "open", "deleteDatabase", "indexedDB", () => deniedRequest(w));
  hook(w.CacheStorage?.prototype, "open", "delete", "cacheStorage", () =>
    Promise.reject(new w.DOMException(MESSAGE, "SecurityError")),
  );
  // A blocked cookieStore.set resolves unstored.
  const CK = (w as unknown as { CookieStore?: { prototype: object } }).CookieStore?.prototype;
  hook(CK, "set", "delete", "cookie", () => Promise.resolve());
}
