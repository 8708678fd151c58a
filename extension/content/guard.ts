/**
 * MAIN-world guard, registered per blocked site at document_start in every frame, also in frames
 * without a URL of their own (about:blank, srcdoc, javascript:, document.write, blob:) through
 * `matchOriginAsFallback`. It drops writes of blocked items through `document.cookie`, Storage
 * (`setItem`, named properties) and `cookieStore.set`, and refuses `indexedDB.open` and `caches.open`
 * of blocked names, before the page's first script runs; same-origin workers the page starts run a guard
 * of their own first (guard-workers.ts). Every native it calls was captured first
 * (guard-native.ts), and every name is turned into a string once, then checked and passed on, so an
 * argument whose `toString` answers differently on a second call cannot slip through.
 *
 * Quirk: registered content scripts cannot carry per-site data, and every extension API that could
 * supply it is asynchronous. The config therefore arrives in a `Server-Timing` header that a
 * declarativeNetRequest rule adds to the site's documents; the navigation timing entry exposes it
 * synchronously here. No header (no rule, or a cached document) = nothing to block. Where the header
 * came, the entry is then hidden from the page (guard-timing.ts); without it nothing is patched.
 */
import { compileGlob } from "../../shared/match/glob.ts";
import { decodeGuardConfig, GUARD_TIMING_NAME, type GuardKind } from "./guard-config.ts";
import { captureNatives, type Fn, type Natives } from "./guard-native.ts";
import { guardStorage } from "./guard-storage.ts";
import { hideGuardTiming } from "./guard-timing.ts";
import { guardWorkers } from "./guard-workers.ts";

/**
 * The guard's config entry of this document, else of the nearest same-origin ancestor (or opener) that
 * has one. Quirk: a frame without a URL of its own (about:blank, srcdoc, …) gets no header, yet shares
 * its creator's origin, storage and cookies. The ancestor is read with this realm's natives — not yet
 * patched, so neither this frame's page nor the ancestor's can have changed them — and only while its
 * origin equals this document's, so a frame never gets another site's config.
 */
function readConfig(natives: Natives) {
  const { apply, getOwnPropertyDescriptor: own } = natives;
  const getter = (o: object, key: string) => own(o, key)?.get as Fn;
  const perf = getter(window, "performance");
  const parentOf = getter(window, "parent");
  const openerOf = getter(window, "opener");
  const originOf = getter(window, "origin");
  const entries = Performance.prototype.getEntriesByType as Fn;
  const serverTiming = getter(PerformanceResourceTiming.prototype, "serverTiming");
  const name = getter(PerformanceServerTiming.prototype, "name");
  const description = getter(PerformanceServerTiming.prototype, "description");
  const origin = apply(originOf, window, []);
  let w: unknown = window;
  for (let depth = 0; depth < 32 && w; depth++) {
    try {
      if (apply(originOf, w, []) !== origin) return undefined;
      const [entry] = apply(entries, apply(perf, w, []), ["navigation"]) as PerformanceEntry[];
      const timings = (entry ? apply(serverTiming, entry, []) : []) as PerformanceServerTiming[];
      for (let i = 0; i < timings.length; i++)
        if (apply(name, timings[i], []) === GUARD_TIMING_NAME)
          return apply(description, timings[i], []) as string;
      const up = apply(parentOf, w, []);
      w = up !== w ? up : apply(openerOf, w, []);
    } catch {
      return undefined; // cross-origin: not this site's
    }
  }
  return undefined;
}

function install(natives: Natives, rules: [GuardKind, string][]) {
  const { apply, replace, str } = natives;
  const asString = String;
  const resolve = Promise.resolve.bind(Promise);
  const reject = Promise.reject.bind(Promise);
  const tests: Record<GuardKind, ((name: string) => boolean)[]> = { c: [], l: [], s: [], i: [], k: [] };
  for (const [kind, glob] of rules) tests[kind]?.push(compileGlob(glob));
  const blocked = (kind: GuardKind, name: string) => {
    const list = tests[kind];
    for (let i = 0; i < list.length; i++) if (list[i]!(name)) return true;
    return false;
  };

  replace(Document.prototype, "cookie", "set", (set) => {
    const setter = natives.getOwnPropertyDescriptor(
      {
        set cookie(value: unknown) {
          const text = asString(value);
          const eq = apply(str.indexOf, text, ["="]) as number;
          const semi = apply(str.indexOf, text, [";"]) as number;
          const name = eq < 0 || (semi >= 0 && semi < eq) ? "" : apply(str.slice, text, [0, eq]);
          if (!blocked("c", apply(str.trim, name, []) as string)) apply(set, this, [text]);
        },
      },
      "cookie",
    )?.set;
    return setter as Fn;
  });

  guardStorage(natives, blocked);

  const store = (globalThis as { CookieStore?: { prototype: object } }).CookieStore;
  if (store)
    replace(
      store.prototype,
      "set",
      "value",
      (nativeSet) =>
        ({
          set(...args: unknown[]) {
            // Read each field once and pass on the copy: a getter cannot answer the check and the native differently.
            const first = args[0];
            if (typeof first === "object" && first !== null) {
              const o = first as Record<string, unknown>;
              const copy = { name: o.name === undefined ? undefined : asString(o.name) } as Record<
                string,
                unknown
              >;
              for (const k of ["value", "expires", "domain", "path", "sameSite", "partitioned"])
                copy[k] = o[k];
              if (blocked("c", (copy.name as string | undefined) ?? "")) return resolve();
              return apply(nativeSet, this, [copy]);
            }
            const name = asString(first);
            if (blocked("c", name)) return resolve();
            return apply(nativeSet, this, args.length > 1 ? [name, args[1]] : [name]);
          },
        }).set as Fn,
    );

  replace(
    IDBFactory.prototype,
    "open",
    "value",
    (idbOpen) =>
      ({
        open(...args: unknown[]) {
          const name = asString(args[0]);
          if (blocked("i", name)) return refusedOpen();
          return apply(idbOpen, this, args.length > 1 ? [name, args[1]] : [name]);
        },
      }).open as Fn,
  );

  if (typeof CacheStorage !== "undefined")
    replace(
      CacheStorage.prototype,
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

  // Workers the page starts run a guard of their own first (guard-workers.ts).
  guardWorkers(natives, rules);
}

/** A stand-in open request that fails asynchronously, as a refused native one would. */
function refusedOpen(): IDBOpenDBRequest {
  const request = new EventTarget() as EventTarget & Record<string, unknown>;
  const error = new DOMException("blocked by Cookie Ledger", "UnknownError");
  Object.assign(request, { error, readyState: "done", source: null, transaction: null });
  for (const h of ["onsuccess", "onerror", "onblocked", "onupgradeneeded"]) request[h] = null;
  setTimeout(() => {
    const event = new Event("error", { cancelable: true });
    request.dispatchEvent(event);
    (request.onerror as ((e: Event) => void) | null)?.call(request, event);
  }, 0);
  return request as unknown as IDBOpenDBRequest;
}

function start() {
  let natives: Natives;
  let text: string | undefined;
  try {
    natives = captureNatives();
    text = readConfig(natives);
  } catch {
    return; // Leave the natives as they are rather than break the page.
  }
  if (text === undefined) return;
  try {
    hideGuardTiming(natives, GUARD_TIMING_NAME);
  } catch {}
  const config = decodeGuardConfig(text);
  if (config && config.rules.length > 0) install(natives, config.rules);
}

start();
