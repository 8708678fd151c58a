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
  // setItem, removeItem and clear unwrap in their gate (core.ts `gated`).
  for (const k of ["getItem", "key"])
    method(
      P,
      k,
      c.own,
      (f) =>
        ({
          m(this: unknown, ...a: unknown[]) {
            return f.apply(real(this), a);
          },
        }).m,
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
 * Run last in a realm: `Function.prototype.toString` prints the SDK's replacement functions (listed in `own`
 * by hooks/util.ts) as the natives they replace.
 */
export function disguise(w: Realm, own: WeakSet<object>) {
  method(
    w.Function.prototype,
    "toString",
    own,
    (ts) =>
      ({
        toString(this: Fn) {
          return own.has(this) ? `function ${this.name}() { [native code] }` : ts.call(this);
        },
      }).toString,
  );
}
