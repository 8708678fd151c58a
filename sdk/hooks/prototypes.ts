/**
 * `Storage.prototype` members called with the `localStorage` the page got from the SDK (a Proxy):
 * `localStorage.getItem(k)`, `Storage.prototype.getItem.call(localStorage, k)`, the `length` getter, a frame's
 * own prototype applied to the top window's storage, `StorageEvent.storageArea`. Platform methods refuse a
 * Proxy as `this` ("Illegal invocation"); this outer layer hands them the real object, so they behave
 * exactly as without the SDK.
 */
import type { Core, Realm } from "../core.ts";
import { accessor, type Fn, method } from "./util.ts";

export function unwrapStorage(w: Realm, c: Core) {
  const P = w.Storage.prototype;
  const real = (s: unknown) => c.px.get(s as object) ?? s;
  for (const k of ["getItem", "setItem", "removeItem", "clear", "key"])
    method(
      P,
      k,
      (f) =>
        function (this: unknown, ...a: unknown[]) {
          return f.apply(real(this), a);
        },
    );
  accessor(P, "length", c.own, (d) => ({
    get(this: unknown) {
      return d.get!.call(real(this));
    },
  }));
  // `storage` events carry the native object: give back the one the page knows, so `===` still holds.
  accessor(w.StorageEvent?.prototype, "storageArea", c.own, (d) => ({
    get(this: StorageEvent) {
      const s = d.get!.call(this);
      for (const k of ["localStorage", "sessionStorage"] as const)
        try {
          if (s && c.px.get(w[k]) === s) return w[k];
        } catch {}
      return s;
    },
  }));
}

/**
 * Run last in a realm: `Function.prototype.toString` prints the SDK's functions as natives. Methods are
 * Proxies of the natives, which V8 prints as "function () { [native code] }" (the name is put back);
 * accessors are plain functions, known from `own` (hooks/util.ts).
 */
export function disguise(w: Realm, own: WeakSet<object>) {
  const N = "function () { [native code] }";
  method(
    w.Function.prototype,
    "toString",
    (ts) =>
      function (this: Fn) {
        const s = own.has(this) ? N : ts.call(this);
        const n = typeof this === "function" && this.name;
        return s === N && n && !n.startsWith("bound ") ? `function ${n}() { [native code] }` : s;
      },
  );
}
