/**
 * The guard that runs inside a dedicated or shared worker the page starts, before the worker's own script.
 * Not called in the page: guard-workers.ts embeds its source text (with the rules as JSON) into the blob:
 * wrapper a worker constructor gets, so it must stay self-contained — no imports, no outer names, nothing
 * the bundler could add a helper for. It refuses `indexedDB.open`, `caches.open` and `cookieStore.set` of
 * blocked names (the page guard's rules, each glob parsed into its literal segments page-side), wraps
 * `Worker` for nested workers the same way. The worker's own base URL is the blob: wrapper, so relative
 * string URLs given to `importScripts`, `fetch`, `new Request`, `XMLHttpRequest#open`, `new EventSource`
 * and `new WebSocket` are resolved against the original script, and the `WorkerLocation` getters (and its
 * `toString`) answer for the original URL. Its hooks print as native. The wrapper runs it
 * as strict code (a leading "use strict"), so that its functions have no own `arguments`/`caller`.
 */
import type { GuardKind } from "./guard-config.ts";

/** Rules with each glob parsed into unescaped literal segments (`parseGlob`); one segment = an exact name. */
export type WorkerRules = [GuardKind, string[]][];

export function cookieLedgerWorkerGuard(rules: WorkerRules, base: string): void {
  type Fn = (this: unknown, ...args: unknown[]) => unknown;
  type Kind = "get" | "set" | "value";
  const g = self as unknown as Record<string, unknown> & { location: Location };
  const { apply, construct, ownKeys } = Reflect;
  const { defineProperty, getOwnPropertyDescriptor: own, getPrototypeOf } = Object;
  const asString = String;
  const stringify = JSON.stringify;
  const { startsWith, endsWith, indexOf } = String.prototype;
  const { get: printedGet, set: printedSet } = WeakMap.prototype;
  const { get: mapGet, set: mapSet } = Map.prototype;
  const resolve = Promise.resolve.bind(Promise);
  const reject = Promise.reject.bind(Promise);
  const nativeToString = Function.prototype.toString;
  const source = apply(nativeToString, cookieLedgerWorkerGuard, []) as string;
  const URLc = URL;
  const BlobC = Blob;
  const createObjectURL = URL.createObjectURL;
  const urlHref = own(URL.prototype, "href")?.get as Fn;
  const urlOrigin = own(URL.prototype, "origin")?.get as Fn;
  const origin = g.location.origin;
  const printed = new WeakMap<object, string>();

  const matches = (segs: string[], name: string) => {
    const n = segs.length;
    const first = segs[0] as string;
    if (n === 1) return name === first;
    const last = segs[n - 1] as string;
    let min = 0;
    for (let i = 0; i < n; i++) min += (segs[i] as string).length;
    if (name.length < min || !apply(startsWith, name, [first]) || !apply(endsWith, name, [last]))
      return false;
    let pos = first.length;
    const end = name.length - last.length;
    for (let i = 1; i < n - 1; i++) {
      const seg = segs[i] as string;
      const at = apply(indexOf, name, [seg, pos]) as number;
      if (at < 0 || at + seg.length > end) return false;
      pos = at + seg.length;
    }
    return true;
  };
  const blocked = (kind: GuardKind, name: string) => {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as [GuardKind, string[]];
      if (rule[0] === kind && matches(rule[1], name)) return true;
    }
    return false;
  };

  let dressed = false;
  const replace = (proto: object | undefined, key: string, kind: Kind, make: (native: Fn) => Fn) => {
    if (!dressed) {
      dressed = true;
      replace(
        Function.prototype,
        "toString",
        "value",
        (native) =>
          ({
            toString(...args: unknown[]) {
              const name = apply(printedGet, printed, [this]) as string | undefined;
              return name === undefined ? apply(native, this, args) : `function ${name}() { [native code] }`;
            },
          }).toString as Fn,
      );
    }
    const desc = proto && own(proto, key);
    const native = desc?.[kind] as Fn | undefined;
    if (!proto || !desc || typeof native !== "function") return;
    const fn = make(native);
    apply(printedSet, printed, [fn, kind === "value" ? key : `${kind} ${key}`]);
    defineProperty(fn, "name", { value: native.name });
    defineProperty(fn, "length", { value: native.length });
    defineProperty(proto, key, { ...desc, [kind]: fn });
  };
  const proto = (name: string) => (g[name] as { prototype?: object } | undefined)?.prototype;

  replace(
    proto("IDBFactory"),
    "open",
    "value",
    (idbOpen) =>
      ({
        open(...args: unknown[]) {
          const name = asString(args[0]);
          if (!blocked("i", name)) return apply(idbOpen, this, args.length > 1 ? [name, args[1]] : [name]);
          const request = new EventTarget() as EventTarget & Record<string, unknown>;
          const error = new DOMException("blocked by Cookie Ledger", "UnknownError");
          Object.assign(request, { error, readyState: "done", source: null, transaction: null });
          for (const h of ["onsuccess", "onerror", "onblocked", "onupgradeneeded"]) request[h] = null;
          setTimeout(() => {
            const event = new Event("error", { cancelable: true });
            request.dispatchEvent(event);
            (request.onerror as ((e: Event) => void) | null)?.call(request, event);
          }, 0);
          return request;
        },
      }).open as Fn,
  );

  replace(
    proto("CacheStorage"),
    "open",
    "value",
    (cacheOpen) =>
      ({
        open(...args: unknown[]) {
          const name = asString(args[0]);
          if (blocked("k", name))
            return reject(new DOMException("blocked by Cookie Ledger", "SecurityError"));
          return apply(cacheOpen, this, [name]);
        },
      }).open as Fn,
  );

  replace(
    proto("CookieStore"),
    "set",
    "value",
    (nativeSet) =>
      ({
        set(...args: unknown[]) {
          const first = args[0];
          if (typeof first === "object" && first !== null) {
            const o = first as Record<string, unknown>;
            const copy: Record<string, unknown> = {
              name: o.name === undefined ? undefined : asString(o.name),
            };
            for (const k of ["value", "expires", "domain", "path", "sameSite", "partitioned"]) copy[k] = o[k];
            if (blocked("c", (copy.name as string | undefined) ?? "")) return resolve();
            return apply(nativeSet, this, [copy]);
          }
          const name = asString(first);
          if (blocked("c", name)) return resolve();
          return apply(nativeSet, this, args.length > 1 ? [name, args[1]] : [name]);
        },
      }).set as Fn,
  );

  // The worker's base URL is the blob: wrapper: relative script URLs resolve against the original instead.
  const absolute = (u: unknown) => apply(urlHref, new URLc(asString(u), base), []) as string;
  /** A relative string URL resolved against the original script; anything else (absolute, unparsable, an
   *  object such as a `Request` or `URL`) unchanged, for the native to treat as it would. */
  const rel = (u: unknown) => {
    if (typeof u !== "string") return u;
    try {
      new URLc(u);
      return u;
    } catch {}
    try {
      return absolute(u);
    } catch {
      return u;
    }
  };
  /** A copy of `args` with `args[at]` resolved (absent arguments stay absent). */
  const withUrl = (args: unknown[], at: number) => {
    const list: unknown[] = [];
    for (let i = 0; i < args.length; i++) list[i] = i === at ? rel(args[i]) : args[i];
    return list;
  };
  /** Where `key` lives on the global's chain (members of a [Global] interface are own properties). */
  const owner = (key: string) => {
    let o: object | null = g;
    while (o && !own(o, key)) o = getPrototypeOf(o) as object | null;
    return o ?? undefined;
  };
  /** A hook that calls the native with its argument `at` resolved. */
  const resolving = (at: number) => (native: Fn) =>
    ({
      hook(...args: unknown[]) {
        return apply(native, this, withUrl(args, at));
      },
    }).hook as Fn;
  replace(owner("fetch"), "fetch", "value", resolving(0));
  replace(proto("XMLHttpRequest"), "open", "value", resolving(1));
  // Constructors taking a URL first: the same prototype (so `instanceof` holds) and static constants.
  const ctor = (native: Fn, C: Fn) => {
    defineProperty(C, "prototype", { value: native.prototype, writable: false });
    defineProperty(native.prototype, "constructor", { value: C });
    const keys = ownKeys(native);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      if (!own(C, k)) defineProperty(C, k, own(native, k) as PropertyDescriptor);
    }
    return C;
  };
  for (const key of ["Request", "EventSource", "WebSocket"])
    replace(g, key, "value", (native) =>
      ctor(native, function (this: unknown, ...args: unknown[]) {
        return new.target ? construct(native, withUrl(args, 0), new.target) : apply(native, this, args);
      } as Fn),
    );
  // `self.location` reads as the original script's URL: the WorkerLocation getters answer for it (after
  // the native's own check of `this`), so the object, its prototype and `instanceof` stay the real ones.
  const original = new URLc(base);
  const locationProto = proto("WorkerLocation");
  for (const key of "href origin protocol host hostname port pathname search hash toString".split(" ")) {
    const read = own(URL.prototype, key === "toString" ? "href" : key)?.get as Fn;
    replace(
      locationProto,
      key,
      key === "toString" ? "value" : "get",
      (native) =>
        ({
          hook() {
            apply(native, this, []);
            return apply(read, original, []);
          },
        }).hook as Fn,
    );
  }

  replace(
    owner("importScripts"),
    "importScripts",
    "value",
    (importScripts) =>
      ({
        importScripts(...urls: unknown[]) {
          const list: string[] = [];
          for (let i = 0; i < urls.length; i++) list[i] = absolute(urls[i]);
          return apply(importScripts, this, list);
        },
      }).importScripts as Fn,
  );

  // Nested dedicated workers get the same wrapper (workers cannot start shared workers).
  const made = new Map<string, string>();
  const blobUrl = (code: string) =>
    apply(createObjectURL, URLc, [new BlobC([code], { type: "text/javascript" })]) as string;
  replace(g, "Worker", "value", (native) => {
    const build = (target: unknown, args: unknown[]) => {
      if (args.length === 0) return construct(native, args, target as Fn);
      const text = asString(args[0]);
      const raw = args[1];
      const o = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
      const type = o.type === undefined ? undefined : asString(o.type);
      const options = { type, credentials: o.credentials, name: o.name };
      let script: string = text;
      try {
        const u = new URLc(text, base);
        if (apply(urlOrigin, u, []) === origin) {
          const url = apply(urlHref, u, []) as string;
          const key = `${type === "module"} ${url}`;
          script = apply(mapGet, made, [key]) as string;
          if (!script) {
            const guard = `"use strict";(${source})(${stringify(rules)},${stringify(url)});`;
            script = blobUrl(
              type === "module"
                ? `import ${stringify(blobUrl(guard))};import ${stringify(url)};`
                : `${guard}importScripts(${stringify(url)});`,
            );
            apply(mapSet, made, [key, script]);
          }
        }
      } catch {}
      return construct(native, args.length > 1 ? [script, options] : [script], target as Fn);
    };
    const W = function Worker(this: unknown, ...args: unknown[]) {
      return new.target ? build(new.target, args) : apply(native, this, args);
    };
    defineProperty(W, "prototype", { value: native.prototype, writable: false });
    defineProperty(native.prototype, "constructor", { value: W });
    return W as Fn;
  });
}
