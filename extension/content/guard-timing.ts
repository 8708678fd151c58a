/**
 * Hides the guard's `Server-Timing` entry from the page once the guard has read it: otherwise any page
 * could read the same navigation entry, learn that the person uses the extension and decode which of
 * its items they blocked.
 *
 * Quirk (Chromium): script reaches server timing only through `PerformanceResourceTiming.prototype`'s
 * `serverTiming` getter (a new frozen array per call) and the `toJSON` methods of that prototype and of
 * `PerformanceNavigationTiming.prototype` (its own, built natively, not through the getter).
 * `performance.getEntries*()` and `PerformanceObserver` hand out the same entry objects, so the getter
 * covers them. Replacements are method-shorthand functions (no `prototype`, not constructible) with the
 * natives' `name`, `length` and property flags, and `Function.prototype.toString` prints them as native.
 * Natives are captured here, before page scripts run, so a page that later replaces
 * `Function.prototype.call`, a `PerformanceServerTiming` getter or another built-in the replacements
 * use can neither get in between nor notice them at work.
 */
type Fn = (this: unknown, ...args: unknown[]) => unknown;

export function hideGuardTiming(hidden: string): void {
  const { apply } = Reflect;
  const { defineProperty, getOwnPropertyDescriptor, freeze } = Object;
  const { isArray } = Array;
  const ownName = WeakMap.prototype.get;
  const nameGetter = getOwnPropertyDescriptor(PerformanceServerTiming.prototype, "name")?.get;
  if (!nameGetter) return;
  /** Replacement → the name its native would print in `Function.prototype.toString`. */
  const own = new WeakMap<object, string>();

  /**
   * The entries other than the guard's: the native array's own elements, read by index, copied with
   * `defineProperty` (no `push`, no setter a page could put on `Array.prototype` sees the work).
   */
  const visible = <T>(all: ArrayLike<T>, nameOf: (t: T) => unknown): T[] => {
    const kept: T[] = [];
    for (let i = 0; i < all.length; i++) {
      const value = all[i] as T;
      if (nameOf(value) !== hidden)
        defineProperty(kept, kept.length, { value, writable: true, enumerable: true, configurable: true });
    }
    return kept;
  };

  const replace = (proto: object, key: string, kind: "get" | "value", make: (native: Fn) => Fn) => {
    const desc = getOwnPropertyDescriptor(proto, key);
    const native = desc?.[kind] as Fn | undefined;
    if (!desc || typeof native !== "function") return;
    const fn = make(native);
    own.set(fn, kind === "get" ? `get ${key}` : key);
    defineProperty(fn, "name", { value: native.name });
    defineProperty(fn, "length", { value: native.length });
    defineProperty(proto, key, { ...desc, [kind]: fn });
  };

  // First, so that a later failure leaves no replacement printing its source.
  replace(
    Function.prototype,
    "toString",
    "value",
    (native) =>
      ({
        toString(...args: unknown[]) {
          const name = apply(ownName, own, [this]) as string | undefined;
          return name === undefined ? apply(native, this, args) : `function ${name}() { [native code] }`;
        },
      }).toString as Fn,
  );

  const R = PerformanceResourceTiming.prototype;
  replace(R, "serverTiming", "get", (native) => {
    const getter = getOwnPropertyDescriptor(
      {
        get serverTiming() {
          const all = apply(native, this, []) as readonly PerformanceServerTiming[];
          try {
            return freeze(visible(all, (t) => apply(nameGetter, t, [])));
          } catch {
            return all;
          }
        },
      },
      "serverTiming",
    )?.get;
    return getter as Fn;
  });

  const toJSON = (native: Fn) =>
    ({
      toJSON(...args: unknown[]) {
        const json = apply(native, this, args) as { serverTiming?: unknown };
        try {
          const list = json.serverTiming;
          if (isArray(list)) json.serverTiming = visible(list, (t) => (t as { name?: unknown })?.name);
        } catch {}
        return json;
      },
    }).toJSON as Fn;
  replace(R, "toJSON", "value", toJSON);
  if (typeof PerformanceNavigationTiming !== "undefined")
    replace(PerformanceNavigationTiming.prototype, "toJSON", "value", toJSON);
}
