import type { GuardKind } from "./guard-config.ts";
import type { Fn, Natives } from "./guard-native.ts";

type IsBlocked = (kind: GuardKind, name: string) => boolean;

/** The page's real Storage objects (before any proxy), or undefined where access is denied. */
function realStorage(natives: Natives, prop: "localStorage" | "sessionStorage") {
  const desc = natives.getOwnPropertyDescriptor(window, prop);
  try {
    return { desc, storage: desc?.get ? (natives.apply(desc.get, window, []) as Storage) : undefined };
  } catch {
    return { desc, storage: undefined };
  }
}

/**
 * Filters Storage writes: `setItem` on the prototype, and named-property writes (`localStorage.key = v`,
 * `Object.defineProperty(localStorage, …)`), which no prototype method sees — hence a Proxy behind the
 * window getters. Every string key goes through the filter, also one the page added to
 * `Storage.prototype` (the named setter still stores it). The proxy hands out Storage methods bound to
 * the real object (natives refuse a proxy as `this`) and every other method unbound, so that no
 * `Object.prototype` method (`valueOf`) returns the real object.
 */
export function guardStorage(natives: Natives, blocked: IsBlocked): void {
  const { apply, replace } = natives;
  const { get: reflectGet, set: reflectSet, defineProperty: reflectDefine } = Reflect;
  const bind = Function.prototype.bind as Fn;
  const asString = String;
  const local = realStorage(natives, "localStorage");
  const session = realStorage(natives, "sessionStorage");
  /** A Storage of another realm (a frame's) is of either kind: a name blocked in either is refused. */
  const refused = (s: unknown, key: string) =>
    s === local.storage
      ? blocked("l", key)
      : s === session.storage
        ? blocked("s", key)
        : blocked("l", key) || blocked("s", key);

  replace(
    Storage.prototype,
    "setItem",
    "value",
    (setItem) =>
      ({
        setItem(key: unknown, value: unknown) {
          const name = asString(key);
          if (!refused(this, name)) return apply(setItem, this, [name, value]);
        },
      }).setItem as Fn,
  );
  const methods = new Set(["getItem", "setItem", "removeItem", "clear", "key"]);
  const has = Set.prototype.has;

  for (const [prop, real] of [
    ["localStorage", local],
    ["sessionStorage", session],
  ] as const) {
    const { desc, storage } = real;
    if (!desc?.get || !storage) continue;
    const proxy = new Proxy(storage, {
      set(target, key, value) {
        if (typeof key === "string" && refused(target, key)) return true;
        return reflectSet(target, key, value);
      },
      defineProperty(target, key, attributes) {
        // A refused write reports success, as a dropped one does, unless that would break a proxy invariant.
        if (typeof key === "string" && refused(target, key)) return attributes.configurable !== false;
        return reflectDefine(target, key, attributes);
      },
      get(target, key) {
        const value = reflectGet(target, key);
        return typeof value === "function" && apply(has, methods, [key])
          ? apply(bind, value, [target])
          : value;
      },
    });
    replace(window, prop, "get", () =>
      prop === "localStorage"
        ? (natives.getOwnPropertyDescriptor(
            {
              get localStorage() {
                return proxy;
              },
            },
            prop,
          )?.get as Fn)
        : (natives.getOwnPropertyDescriptor(
            {
              get sessionStorage() {
                return proxy;
              },
            },
            prop,
          )?.get as Fn),
    );
  }
}
