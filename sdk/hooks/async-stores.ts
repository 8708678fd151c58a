/**
 * Asynchronous stores: `indexedDB.open`/`deleteDatabase`, `caches.open`/`delete`, `cookieStore.set`/
 * `delete`. A blocked write is dropped (never held) and fails the way a browser with storage
 * disabled fails; deletions always pass.
 */
import { type Core, pass, type Realm } from "../core.ts";
import type { StorageKind } from "../types.ts";
import { type Fn, method } from "./util.ts";

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

/** The name in `f(name)` or `f({ name })`. */
const nameOf = (a: unknown[]) =>
  String(a[0] && typeof a[0] === "object" ? (a[0] as { name?: unknown }).name : a[0]);

export function hookAsyncStores(w: Realm, c: Core) {
  /** `P[set]` is checked (a blocked call returns `denied()`); `P[del]` is recorded and always passes. */
  const hook = (
    P: object | undefined,
    set: string,
    del: string,
    kind: StorageKind,
    denied: () => unknown,
  ) => {
    method(
      P,
      set,
      (f) =>
        function (this: unknown, ...a: unknown[]) {
          const o = (a[0] ?? {}) as { domain?: string; path?: string };
          return pass(c, { kind, name: nameOf(a), op: "set", domain: o.domain, path: o.path })
            ? f.apply(this, a)
            : denied();
        },
    );
    method(
      P,
      del,
      (f) =>
        function (this: unknown, ...a: unknown[]) {
          pass(c, { kind, name: nameOf(a), op: "delete" });
          return f.apply(this, a);
        },
    );
  };
  hook(w.IDBFactory?.prototype, "open", "deleteDatabase", "indexedDB", () => deniedRequest(w));
  hook(w.CacheStorage?.prototype, "open", "delete", "cacheStorage", () =>
    Promise.reject(new w.DOMException(MESSAGE, "SecurityError")),
  );
  // cookieStore.set(name, value) or set({ name, value, domain, path, expires }); a blocked one resolves unstored.
  const CK = (w as unknown as { CookieStore?: { prototype: object } }).CookieStore?.prototype;
  hook(CK, "set", "delete", "cookie", () => Promise.resolve());
}
