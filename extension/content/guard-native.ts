/**
 * Natives the guard calls, captured once at document_start before any page script runs, and the
 * replacing of built-ins with functions that look native. A page that later replaces
 * `Function.prototype.call`/`apply`, `Reflect.apply` or a prototype method the guard uses can neither
 * catch a native on its way through the guard nor change what the guard does.
 *
 * Replacements are method-shorthand functions (no `prototype`, not constructible) given the natives'
 * `name`, `length` and property flags; `Function.prototype.toString` is replaced (before the first of them) so it prints
 * them as native. Quirk: a page can borrow `Function.prototype.toString` from another same-origin realm
 * (an about:blank frame) and call it on this realm's replacements, so a replacement is recognised by its
 * source text — the same in every realm that runs this bundle — not by identity in a per-realm table.
 */
export type Fn = (this: unknown, ...args: unknown[]) => unknown;
type Kind = "get" | "set" | "value";

export interface Natives {
  readonly apply: typeof Reflect.apply;
  readonly defineProperty: typeof Object.defineProperty;
  readonly getOwnPropertyDescriptor: typeof Object.getOwnPropertyDescriptor;
  /** `String.prototype` methods, to call with `apply`. */
  readonly str: { indexOf: Fn; slice: Fn; trim: Fn };
  /**
   * Replaces `proto[key]`'s value, getter or setter with `make(native)`, dressed as that native.
   * Returns false (and changes nothing) where there is no such native.
   */
  replace(proto: object, key: string, kind: Kind, make: (native: Fn) => Fn): boolean;
}

export function captureNatives(): Natives {
  const { apply } = Reflect;
  const { defineProperty, getOwnPropertyDescriptor } = Object;
  const { get: mapGet, set: mapSet } = Map.prototype;
  const S = String.prototype;
  const str = { indexOf: S.indexOf as Fn, slice: S.slice as Fn, trim: S.trim as Fn };
  const nativeToString = Function.prototype.toString;
  /** A replacement's source text → the name its native prints. */
  const printed = new Map<string, string>();

  let dressed = false;
  const replace = (proto: object, key: string, kind: Kind, make: (native: Fn) => Fn): boolean => {
    // `toString` first, so that a later failure leaves no replacement printing its source.
    if (!dressed) {
      dressed = true;
      replace(Function.prototype, "toString", "value", (native) => disguisedToString(native));
    }
    const desc = getOwnPropertyDescriptor(proto, key);
    const native = desc?.[kind] as Fn | undefined;
    if (!desc || typeof native !== "function") return false;
    const fn = make(native);
    const name = kind === "value" ? key : `${kind} ${key}`;
    apply(mapSet, printed, [apply(nativeToString, fn, []), name]);
    defineProperty(fn, "name", { value: native.name });
    defineProperty(fn, "length", { value: native.length });
    defineProperty(proto, key, { ...desc, [kind]: fn });
    return true;
  };

  const disguisedToString = (native: Fn) =>
    ({
      toString(...args: unknown[]) {
        const source = apply(native, this, args) as string;
        const name = apply(mapGet, printed, [source]) as string | undefined;
        return name === undefined ? source : `function ${name}() { [native code] }`;
      },
    }).toString as Fn;
  return { apply, defineProperty, getOwnPropertyDescriptor, str, replace };
}
