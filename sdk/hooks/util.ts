/** Replacing platform members while keeping their property flags. */

// biome-ignore lint/suspicious/noExplicitAny: wrapped platform functions take anything.
export type Fn = (this: any, ...args: any[]) => any;

/** Replaces a method `o[k]` with `f(original)`; absent members are left alone. The replacement is a Proxy of
 * the native whose calls run the new function, so `name`, `length`, `prototype` and `typeof` stay native
 * (Function.prototype.toString: hooks/prototypes.ts). */
export function method(o: object | undefined, k: string, f: (orig: Fn) => Fn) {
  const d = o && Object.getOwnPropertyDescriptor(o, k);
  if (d && typeof d.value === "function") {
    const g = f(d.value);
    Object.defineProperty(o, k, {
      ...d,
      value: new Proxy(d.value, { apply: (_, t, a) => Reflect.apply(g, t, a) }),
    });
  }
}

/**
 * Finds accessor `k` on `o` or its prototypes and merges `f(descriptor)` into it. The new getter/setter get
 * the native's `name` and `length` (no Proxy: accessors are hot) and are added to `own`, which
 * Function.prototype.toString prints as native.
 */
export function accessor(
  o: object | undefined,
  k: string,
  own: WeakSet<object>,
  f: (d: PropertyDescriptor) => PropertyDescriptor,
) {
  for (let p = o; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, k);
    if (d) {
      if (d.get) {
        const n = f(d);
        for (const x of ["get", "set"] as const) {
          const g = n[x];
          if (g && d[x]) {
            own.add(g);
            Object.defineProperties(g, { name: { value: d[x].name }, length: { value: d[x].length } });
          }
        }
        Object.defineProperty(p, k, { ...d, ...n });
      }
      return;
    }
  }
}
