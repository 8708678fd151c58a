import type { GuardKind } from "./guard-config.ts";

type IsBlocked = (kind: GuardKind, name: string) => boolean;

/** The page's real Storage objects (before any proxy), or undefined where access is denied. */
function realStorage(prop: "localStorage" | "sessionStorage") {
  const desc = Object.getOwnPropertyDescriptor(window, prop);
  try {
    return { desc, storage: desc?.get?.call(window) as Storage | undefined };
  } catch {
    return { desc, storage: undefined };
  }
}

/**
 * Filters Storage writes: `setItem` on the prototype, and named-property assignment
 * (`localStorage.key = v`), which no prototype method sees — hence a Proxy behind the window getter.
 */
export function guardStorage(blocked: IsBlocked): void {
  const local = realStorage("localStorage");
  const session = realStorage("sessionStorage");
  const kindOf = (s: Storage): GuardKind => (s === local.storage ? "l" : "s");

  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
    if (!blocked(kindOf(this), String(key))) setItem.call(this, key, value);
  };

  for (const [prop, real] of [
    ["localStorage", local],
    ["sessionStorage", session],
  ] as const) {
    const { desc, storage } = real;
    if (!desc?.get || !storage) continue;
    const proxy = new Proxy(storage, {
      set(target, key, value) {
        if (typeof key === "string" && !(key in Storage.prototype)) {
          target.setItem(key, String(value));
          return true;
        }
        return Reflect.set(target, key, value);
      },
      get(target, key) {
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    Object.defineProperty(window, prop, {
      configurable: true,
      enumerable: desc.enumerable,
      get: () => proxy,
    });
  }
}
