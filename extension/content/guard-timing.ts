/**
 * Hides the guard's `Server-Timing` entry from the page once the guard has read it: otherwise any page
 * could read the same navigation entry, learn that the person uses the extension and decode which of
 * its items they blocked.
 *
 * Quirk (Chromium): script reaches server timing only through `PerformanceResourceTiming.prototype`'s
 * `serverTiming` getter (a new frozen array per call) and the `toJSON` methods of that prototype and of
 * `PerformanceNavigationTiming.prototype` (its own, built natively, not through the getter).
 * `performance.getEntries*()` and `PerformanceObserver` hand out the same entry objects, so the getter
 * covers them. Replacements are dressed as natives by guard-native.ts, and the natives they call were
 * captured there before page scripts ran.
 */
import type { Fn, Natives } from "./guard-native.ts";

export function hideGuardTiming(natives: Natives, hidden: string): void {
  const { apply, defineProperty, getOwnPropertyDescriptor, replace } = natives;
  const { freeze } = Object;
  const { isArray } = Array;
  const nameGetter = getOwnPropertyDescriptor(PerformanceServerTiming.prototype, "name")?.get;
  if (!nameGetter) return;

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
