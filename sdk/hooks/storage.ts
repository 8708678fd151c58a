/**
 * Web storage: `setItem`/`removeItem`/`clear` on Storage.prototype, and named properties
 * (`localStorage.foo = 1`, `delete localStorage.foo`, `Object.defineProperty`) through a Proxy returned by
 * the window's `localStorage`/`sessionStorage` getters — named-property writes never reach a prototype
 * method. Methods read through the Proxy are the prototype's own (identity holds); hooks/prototypes.ts
 * unwraps the Proxy when they are called.
 */
import { type Core, gated, type Realm } from "../core.ts";
import type { StorageKind } from "../types.ts";
import { accessor } from "./util.ts";

/** Named properties (string keys) go through the hooked methods; symbols and accessors stay native. */
const handler: ProxyHandler<Storage> = {
  set(t, p, v) {
    if (typeof p !== "string") return Reflect.set(t, p, v, t);
    t.setItem(p, v);
    return true;
  },
  deleteProperty(t, p) {
    if (typeof p !== "string") return Reflect.deleteProperty(t, p);
    t.removeItem(p);
    return true;
  },
  defineProperty(t, p, d) {
    if (typeof p !== "string" || !("value" in d)) return Reflect.defineProperty(t, p, d);
    t.setItem(p, d.value);
    return true;
  },
};

export function hookStorage(w: Realm, c: Core) {
  const P = w.Storage.prototype;
  const kind = (s: object): StorageKind => (c.sess.has(s) ? "sessionStorage" : "localStorage");
  // Too few arguments: the native method throws its TypeError.
  gated(c, P, "setItem", (s, a) => a.length > 1 && { kind: kind(s), name: String(a[0]), op: "set" });
  gated(c, P, "removeItem", (s, a) => ({ kind: kind(s), name: String(a[0]), op: "delete" }));
  gated(c, P, "clear", (s) => ({ kind: kind(s), name: "*", op: "delete" }));
  const made = new WeakMap<Storage, Storage>();
  for (const name of ["localStorage", "sessionStorage"])
    accessor(w, name, c.own, (d) => ({
      get(this: unknown) {
        const t: Storage = d.get!.call(this);
        let x = made.get(t);
        if (!x) {
          if (name[0] === "s") c.sess.add(t);
          x = new Proxy(t, handler);
          made.set(t, x);
          c.px.set(x, t);
        }
        return x;
      },
    }));
}

/** The realm's native storage objects (before the getters above are installed). */
export function nativeStorage(w: Realm, name: "localStorage" | "sessionStorage"): Storage | undefined {
  try {
    return w[name];
  } catch {
    // Opaque origins and sandboxed frames throw SecurityError.
    return;
  }
}
