/**
 * MAIN-world guard, registered per blocked site at document_start. It drops writes of blocked items
 * through `document.cookie`, Storage (`setItem`, named properties) and `cookieStore.set`, and refuses `indexedDB.open` and
 * `caches.open` of blocked names, before the page's first script runs.
 *
 * Quirk: registered content scripts cannot carry per-site data, and every extension API that could
 * supply it is asynchronous. The config therefore arrives in a `Server-Timing` header that a
 * declarativeNetRequest rule adds to the site's documents; the navigation timing entry exposes it
 * synchronously here. No header (no rule, or a cached document) = nothing to block. Where the header
 * came, the entry is then hidden from the page (guard-timing.ts); without it nothing is patched.
 */
import { compileGlob } from "../../shared/match/glob.ts";
import { decodeGuardConfig, GUARD_TIMING_NAME, type GuardKind } from "./guard-config.ts";
import { guardStorage } from "./guard-storage.ts";
import { hideGuardTiming } from "./guard-timing.ts";

/** The guard's config from this document's navigation entry, and whether the header was there. */
function readConfig() {
  const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  const timing = entry?.serverTiming?.find((t) => t.name === GUARD_TIMING_NAME);
  return {
    present: timing !== undefined,
    config: timing ? decodeGuardConfig(timing.description) : undefined,
  };
}

function install(rules: [GuardKind, string][]) {
  const tests: Record<GuardKind, ((name: string) => boolean)[]> = { c: [], l: [], s: [], i: [], k: [] };
  for (const [kind, glob] of rules) tests[kind]?.push(compileGlob(glob));
  const blocked = (kind: GuardKind, name: string) => tests[kind].some((t) => t(name));

  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  if (cookie?.set && cookie.get) {
    const { get, set } = cookie;
    Object.defineProperty(Document.prototype, "cookie", {
      configurable: true,
      enumerable: cookie.enumerable,
      get,
      set(this: Document, value: string) {
        const pair = String(value).split(";", 1)[0] ?? "";
        const name = pair.includes("=") ? pair.slice(0, pair.indexOf("=")).trim() : "";
        if (!blocked("c", name)) set.call(this, value);
      },
    });
  }

  guardStorage(blocked);

  const store = (globalThis as { CookieStore?: { prototype: { set: (...a: unknown[]) => Promise<void> } } })
    .CookieStore;
  if (store) {
    const nativeSet = store.prototype.set;
    store.prototype.set = function (this: unknown, ...args: unknown[]) {
      const first = args[0];
      const name = typeof first === "string" ? first : (first as { name?: string } | undefined)?.name;
      if (typeof name === "string" && blocked("c", name)) return Promise.resolve();
      return nativeSet.apply(this, args);
    };
  }

  const idbOpen = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    if (blocked("i", String(name))) return refusedOpen();
    return version === undefined ? idbOpen.call(this, name) : idbOpen.call(this, name, version);
  };

  if (typeof CacheStorage !== "undefined") {
    const cacheOpen = CacheStorage.prototype.open;
    CacheStorage.prototype.open = function (this: CacheStorage, name: string) {
      if (blocked("k", String(name)))
        return Promise.reject(new DOMException("blocked by Cookie Ledger", "SecurityError"));
      return cacheOpen.call(this, name);
    };
  }
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

const { present, config } = readConfig();
if (present) {
  try {
    hideGuardTiming(GUARD_TIMING_NAME);
  } catch {
    // Leave the natives as they are rather than break the page.
  }
}
if (config && config.rules.length > 0) install(config.rules);
