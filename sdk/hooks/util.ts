/** Replacing platform members while keeping their property flags. */

// biome-ignore lint/suspicious/noExplicitAny: wrapped platform functions take anything.
export type Fn = (this: any, ...args: any[]) => any;

/**
 * `g` dressed as the native method `n`: a Proxy of `n` whose calls run `g`, so `name`, `length`, `prototype`
 * and `typeof` are the native ones (Function.prototype.toString: hooks/prototypes.ts).
 */
const as = (n: Fn, g: Fn) => new Proxy(n, { apply: (_, self, a) => Reflect.apply(g, self, a) });
/** An accessor's new getter or setter with the native's `name` and `length` (no Proxy: accessors are hot). */
const named = (n: Fn | undefined, g: Fn | undefined) =>
  n && g && Object.defineProperties(g, { name: { value: n.name }, length: { value: n.length } });

/** Replaces a method `o[k]` with `f(original)`; absent members are left alone. */
export function method(o: object | undefined, k: string, f: (orig: Fn) => Fn) {
  const d = o && Object.getOwnPropertyDescriptor(o, k);
  if (d && typeof d.value === "function")
    Object.defineProperty(o, k, { ...d, value: as(d.value, f(d.value)) });
}

/** Finds accessor `k` on `o` or its prototypes and merges `f(descriptor)` into it; returns the original. */
export function accessor(o: object | undefined, k: string, f: (d: PropertyDescriptor) => PropertyDescriptor) {
  for (let p = o; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, k);
    if (d) {
      if (d.get) {
        const n = f(d);
        Object.defineProperty(p, k, {
          ...d,
          ...n,
          get: named(d.get, n.get) ?? d.get,
          set: named(d.set, n.set) ?? d.set,
        });
      }
      return d;
    }
  }
}
