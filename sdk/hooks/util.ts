/**
 * Replacing platform members while keeping their property flags. A replacement is a plain function (no
 * Proxy layer: these run on every write) with the native's `name` and `length`, listed in `own` so that
 * Function.prototype.toString prints it as native code (hooks/prototypes.ts). Replacement methods are
 * written as method shorthand (`{ m() {} }.m`): like natives they have no `prototype` and cannot be `new`ed.
 */

// biome-ignore lint/suspicious/noExplicitAny: wrapped platform functions take anything.
export type Fn = (this: any, ...args: any[]) => any;

const dress = (g: Fn | undefined, n: Fn | undefined, own?: WeakSet<object>) => {
  if (g && n) {
    own?.add(g);
    Object.defineProperties(g, { name: { value: n.name }, length: { value: n.length } });
  }
};

/** Replaces a method `o[k]` with `f(original)`; absent members are left alone. */
export function method(
  o: object | undefined,
  k: string,
  own: WeakSet<object> | undefined,
  f: (orig: Fn) => Fn,
) {
  const d = o && Object.getOwnPropertyDescriptor(o, k);
  if (d && typeof d.value === "function") {
    const g = f(d.value);
    dress(g, d.value, own);
    Object.defineProperty(o, k, { ...d, value: g });
  }
}

/** Finds accessor `k` on `o` or its prototypes and merges `f(descriptor)` into it. */
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
        dress(n.get, d.get, own);
        dress(n.set, d.set, own);
        Object.defineProperty(p, k, { ...d, ...n });
      }
      return;
    }
  }
}
