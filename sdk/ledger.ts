/** `createLedger(options)`: one ledger per page holds all state; hooks reach it through `Core`. */
import { type Classify, compileClassifier } from "./classify.ts";
import type { Core, Pending, Realm } from "./core.ts";
import { nativeStorage } from "./hooks/storage.ts";
import type { Fn } from "./hooks/util.ts";
import { purge } from "./purge.ts";
import { createQueue } from "./queue.ts";
import { patchRealm } from "./realm.ts";
import { decodeRecord, encodeRecord, OPTIONAL, randomId } from "./record.ts";
import { createSafetyNet } from "./sweep.ts";
import type {
  Consent,
  ConsentChange,
  ConsentRecord,
  ConsentSource,
  Extras,
  Ledger,
  LedgerOptions,
  OptionalCategory,
  RegistryEntry,
  StorageKind,
  WriteRecord,
} from "./types.ts";
import { deletions, siteOf } from "./variants.ts";

export const VERSION = "0.1.0";
export const CONSENT_COOKIE = "cookie_ledger_consent";
const MAX_WRITES = 500;

type Cats = Partial<Record<OptionalCategory, boolean>>;

export function createLedger(o: LedgerOptions): Ledger {
  const win = (o.window ?? window) as Realm;
  const doc = win.document;
  const loc = win.location;
  const host = loc.hostname;
  const https = loc.protocol === "https:";
  const src = o.registry;
  if (src?.format !== "cookie-ledger/1" || !Array.isArray(src.entries))
    throw new TypeError("cookie-ledger: bad registry");
  const registry = { ...src, entries: [...src.entries] };
  const revision = registry.revision;
  let match: Classify;
  let memo = new Map<string, ReturnType<Classify>>();
  const register = (entries: RegistryEntry[]) => {
    registry.entries.push(...entries);
    match = compileClassifier(registry);
    memo = new Map();
  };
  // The SDK's own storage, declared necessary. Appended last: a declaration of the same key in the registry
  // ranks first (equal specificity falls back to registry order).
  register([
    { kind: "cookie", name: CONSENT_COOKIE, category: "necessary" },
    { kind: "indexedDB", name: "cookie-ledger", category: "necessary" },
  ]);

  const listeners: Record<string, Set<(x: never) => void>> = {};
  const emit = (ev: string, x: unknown) =>
    listeners[ev]?.forEach((f) => {
      try {
        f(x as never);
      } catch (e) {
        // A listener's error is reported, never thrown into the write that triggered it.
        console.error(e);
      }
    });
  const writes: WriteRecord[] = [];
  const recent = () => writes.slice(-MAX_WRITES);
  const queue = createQueue();
  const warned = new Set<string>();
  const gpc = !!(win.navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
  const gpcDeny: string[] = gpc ? (o.gpc ?? ["analytics", "marketing"]) : [];
  let extrasP: Promise<Extras> | undefined;
  const extras = () => (extrasP ??= o.extras?.() ?? Promise.reject(new Error("cookie-ledger: no extras")));

  const proto = win.Document.prototype;
  const n = {
    cookie: Object.getOwnPropertyDescriptor(proto, "cookie")!,
    ls: nativeStorage(win, "localStorage"),
    ss: nativeStorage(win, "sessionStorage"),
    rm: win.Storage.prototype.removeItem,
    idel: win.IDBFactory?.prototype.deleteDatabase,
    cdel: win.CacheStorage?.prototype.delete,
  };
  const setCookie = (s: string) => n.cookie.set!.call(doc, s);
  const site = siteOf(host, registry.properties);
  const read = () => {
    let r: ConsentRecord | undefined;
    for (const p of (n.cookie.get!.call(doc) as string).split(";")) {
      const [k, v] = p.trim().split("=");
      if (k === CONSENT_COOKIE) r = decodeRecord(v);
    }
    return r?.revision === revision ? r : undefined;
  };
  let record = read();

  const granted = (cat: string) => cat === "necessary" || !!record?.categories[cat as OptionalCategory];
  const allowed = (cat: string | undefined) => (cat === undefined ? o.policy !== "block" : granted(cat));
  const defaultPath = loc.pathname.replace(/\/[^/]*$/, "") || "/";
  // Pages write the same few keys over and over: classify() remembers each answer.
  const classify = (kind: StorageKind, name: string, domain?: string | null, path = defaultPath) => {
    const h = (kind === "cookie" && domain) || host;
    // Kind, host and path hold no NUL; the name, which may, comes last.
    const k = `${kind}\0${h}\0${path}\0${name}`;
    let r = memo.get(k);
    if (!r && !memo.has(k)) {
      if (memo.size > 999) memo = new Map();
      r = match(kind, name, h, path);
      memo.set(k, r);
    }
    return r;
  };

  const log = (w: WriteRecord) => {
    // Trimmed in batches: shifting one element per write would cost O(n) on every write.
    if (writes.push(w) > 2 * MAX_WRITES) writes.splice(0, MAX_WRITES);
    emit("write", w);
    if (!w.allowed) emit("blocked", w);
  };
  const gate = (p: Pending, fn?: Fn, self?: unknown, args?: unknown[]) => {
    const m = classify(p.kind, p.name, p.domain, p.path);
    const del = p.op === "delete";
    // The hook's object becomes the record (hooks make a fresh one per write).
    const w = p as WriteRecord;
    w.category = m?.category;
    w.entry = m?.entry;
    w.allowed = del || allowed(w.category);
    w.at = Date.now();
    try {
      if (o.dev) w.stack = new Error().stack;
      if (del) queue.drop((h) => h.kind === p.kind && (p.name === "*" || h.name === p.name));
      else if (!w.allowed && fn && w.category) {
        w.held = true;
        queue.hold({
          kind: p.kind,
          name: p.name,
          category: w.category,
          run: () => {
            fn.apply(self, args!);
            log({ ...w, held: false, allowed: true, at: Date.now() });
          },
        });
      }
      log(w);
      if (!m && !del) {
        const key = `${p.kind} ${p.name}`;
        emit("undeclared", w);
        if (o.dev && !warned.has(key)) extras().then((x) => x.warn(w, registry), String);
        warned.add(key);
      }
    } catch {}
    return w.allowed;
  };

  const done = new WeakSet<object>();
  const c: Core = {
    win,
    properties: registry.properties,
    gate,
    patch(w) {
      try {
        // Keyed by the realm's own constructor: a frame's window survives navigation, its realm does not.
        const k = (w as Realm).Document;
        if (!done.has(k)) {
          done.add(k);
          patchRealm(w, c);
        }
      } catch {}
    },
    sess: new WeakSet(),
    n,
    gates: [],
    allowed,
    ran: new Set(),
    px: new WeakMap(),
    own: new WeakSet(),
    wg: o.workerGuard,
    ws: () => ({
      r: registry,
      a: get().categories,
      b: o.policy === "block",
      h: host,
    }),
  };
  const all = (v: (k: OptionalCategory) => unknown) =>
    Object.fromEntries(OPTIONAL.map((k) => [k, !!v(k)])) as Record<OptionalCategory, boolean>;
  const get = (): Consent => ({
    decided: !!record,
    categories: all(granted),
    decidedAt: record?.at,
    record,
    gpc,
  });
  const net = createSafetyNet(
    c,
    (kind, name) => !allowed(classify(kind, name)?.category),
    emit,
    () => all(granted),
  );
  const sweep = net.sweep;

  const apply = (from: ConsentSource, prev: Consent["categories"], logged?: ConsentRecord) => {
    queue.replay((h) => granted(h.category));
    for (const g of c.gates) g();
    const purged = sweep(false);
    const change: ConsentChange = {
      consent: get(),
      from,
      reload: OPTIONAL.filter((k) => prev[k] && !granted(k) && c.ran.has(k)),
    };
    emit("consent", change);
    return Promise.all([purged, logged && extras().then((x) => x.log(logged), String)]).then(() => change);
  };
  const decide = (cats: Cats, from: ConsentSource = "api", withdrawn?: boolean) => {
    const prev = all(granted);
    const r = {
      categories: all((k) => (typeof cats?.[k] === "boolean" ? cats[k] : prev[k])),
      revision,
      at: Date.now(),
      source: from,
      id: randomId(),
    } as ConsentRecord;
    if (withdrawn) {
      r.withdrawn = true;
      record = undefined;
      for (const s of deletions(CONSENT_COOKIE, host, registry.properties, "/", https)) setCookie(s);
    } else {
      record = r;
      // On the property's registrable domain, so that its subdomains share the decision. 180 days.
      setCookie(
        `${CONSENT_COOKIE}=${encodeRecord(r)}; Path=/; Max-Age=15552000; SameSite=Lax${site?.includes(".") ? `; Domain=${site}` : ""}${https ? "; Secure" : ""}`,
      );
    }
    return apply(from, prev, r);
  };
  const none = () => all(() => 0);

  const ledger: Ledger = {
    version: VERSION,
    registry,
    consent: {
      get,
      set: decide,
      acceptAll: (from) =>
        decide(
          all((k) => !gpcDeny.includes(k)),
          from,
        ),
      rejectAll: (from) => decide(none(), from),
      withdraw: (from) => decide(none(), from, true),
      history: () => extras().then((x) => x.history()),
    },
    writes: recent,
    inventory: () =>
      extras().then((x) =>
        x.inventory({ win, registry, consent: get(), writes: recent(), findings: net.findings }),
      ),
    clear(category) {
      if (!OPTIONAL.includes(category))
        return Promise.reject(new RangeError(`cookie-ledger: cannot clear ${category}`));
      queue.drop((h) => h.category === category);
      return purge(c, (kind, name) => classify(kind, name)?.category === category).then((r) =>
        extras().then(
          (x) => x.hidden(registry, category, r, host),
          () => r,
        ),
      );
    },
    on(ev: string, fn: (x: never) => void) {
      listeners[ev] ??= new Set();
      const set = listeners[ev];
      set.add(fn);
      return () => set.delete(fn);
    },
    register,
    patch: c.patch,
  };
  c.patch(win);
  sweep();
  // Another tab may have decided or withdrawn (the record cookie changed): follow it. Otherwise purge what
  // HTTP responses after load (fetch, images) stored without the page writing it.
  const refresh = () => {
    const r = read();
    if (r?.id === record?.id) return sweep();
    const prev = all(granted);
    record = r;
    return apply(r?.source ?? "api", prev);
  };
  win.addEventListener("load", refresh);
  type Cookies = { name: string; domain: string | null; path: string }[];
  (win as { cookieStore?: EventTarget }).cookieStore?.addEventListener("change", (e) => {
    const { changed, deleted } = e as Event & { changed: Cookies; deleted: Cookies };
    if (
      [...changed, ...deleted].some((x) => x.name === CONSENT_COOKIE) ||
      changed.some((x) => !allowed(classify("cookie", x.name, x.domain, x.path)?.category))
    )
      refresh();
  });
  if (o.bridge !== false) {
    // The bridge lives in the lazy part: requests that arrive while it loads
    // are queued for it, and a lazy part that cannot load is reported, so the other side never waits.
    const post = (m: object) => win.postMessage({ source: "cookie-ledger", v: 1, ...m }, "*");
    const ready = (id?: string) => post({ type: "ready", id, sdk: VERSION, revision });
    const backlog: { id: string }[] = [];
    const on = (e: MessageEvent) => {
      const d = e.data;
      if (e.source !== win || d?.source !== "cookie-ledger" || typeof d.id !== "string") return;
      if (d.type === "hello") ready(d.id);
      else if (backlog.push(d) < 2)
        extras().then(
          (x) => {
            win.removeEventListener("message", on);
            x.bridge(win, ledger, backlog);
          },
          (err) => {
            for (const m of backlog.splice(0))
              post({ type: "result", id: m.id, ok: false, error: String(err) });
          },
        );
    };
    win.addEventListener("message", on);
    ready();
  }
  return ledger;
}
