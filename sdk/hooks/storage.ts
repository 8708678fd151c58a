/**
 * Web storage: `setItem`/`removeItem`/`clear` on Storage.prototype, and named properties
 * (`localStorage.foo = 1`, `delete localStorage.foo`) through a Proxy returned by the window's
 * `localStorage`/`sessionStorage` getters — named-property writes never reach a prototype method.
 */
import { type Core, pass, type Realm } from "../core.ts";
import type { StorageKind } from "../types.ts";
import { accessor, type Fn, method } from "./util.ts";

export function hookStorage(w: Realm, c: Core) {
  const P = w.Storage.prototype;
  const kind = (s: object): StorageKind => (c.sess.has(s) ? "sessionStorage" : "localStorage");
  method(
    P,
    "setItem",
    (set) =>
      function (this: Storage, ...a: unknown[]) {
        // Too few arguments: the native method throws its TypeError.
        if (a.length < 2 || pass(c, { kind: kind(this), name: String(a[0]), op: "set" }, set, this, a))
          return set.apply(this, a);
      },
  );
  method(
    P,
    "removeItem",
    (rm) =>
      function (this: Storage, ...a: unknown[]) {
        pass(c, { kind: kind(this), name: String(a[0]), op: "delete" });
        return rm.apply(this, a);
      },
  );
  method(
    P,
    "clear",
    (clear) =>
      function (this: Storage) {
        pass(c, { kind: kind(this), name: "*", op: "delete" });
        return clear.call(this);
      },
  );
  for (const name of ["localStorage", "sessionStorage"]) {
    let target: Storage | undefined;
    let proxy: Storage | undefined;
    const bound = new Map<Fn, Fn>();
    const handler: ProxyHandler<Storage> = {
      // Storage methods reject a Proxy as `this`: hand them out bound to the real object.
      get(t, p) {
        const v = Reflect.get(t, p, t);
        if (typeof v !== "function") return v;
        if (!bound.has(v)) bound.set(v, v.bind(t));
        return bound.get(v);
      },
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
    accessor(w, name, (d) => ({
      get(this: unknown) {
        const t: Storage = d.get!.call(this);
        if (t !== target) {
          target = t;
          if (name[0] === "s") c.sess.add(t);
          proxy = new Proxy(t, handler);
          c.px.set(proxy, t);
        }
        return proxy;
      },
    }));
  }
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
