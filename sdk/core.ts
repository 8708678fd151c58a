/** The internal surface the per-realm hooks use; one per ledger (state lives in the ledger instance). */
import { type Fn, method } from "./hooks/util.ts";
import type { WorkerSettings } from "./realms/workers.ts";
import type { StorageKind, WriteRecord } from "./types.ts";

/** A window with its realm's constructors. */
export type Realm = Window & typeof globalThis;

/** A write as a hook sees it, before classification. */
export type Pending = Pick<WriteRecord, "kind" | "name" | "op" | "domain" | "path" | "raw">;

export interface Natives {
  /** `Document.prototype.cookie` of the top realm. */
  cookie: PropertyDescriptor;
  ls?: Storage;
  ss?: Storage;
  rm: Storage["removeItem"];
  idel?: IDBFactory["deleteDatabase"];
  cdel?: CacheStorage["delete"];
}

export interface Core {
  win: Realm;
  properties: readonly string[];
  /**
   * Classifies, records and announces a write; `true` lets it through. `fn.apply(self, args)` (cookies and web storage
   * only) replays the write if consent for its category arrives later in this page.
   */
  gate(w: Pending, fn?: Fn, self?: unknown, args?: unknown[]): boolean;
  /** Intercepts a realm; idempotent, never throws. */
  patch(win: Window): void;
  /** Native sessionStorage objects of every patched realm (each realm has its own Storage objects). */
  sess: WeakSet<object>;
  n: Natives;
  /** Starts gated scripts and iframes now allowed, in every patched document. */
  gates: (() => void)[];
  /** Whether a category is consented (undefined = undeclared, decided by the policy). */
  allowed(category: string | undefined): boolean;
  /** Categories of gated scripts that ran. */
  ran: Set<string>;
  /** Storage proxies handed out by the `localStorage`/`sessionStorage` getters → their real object. */
  px: WeakMap<object, Storage>;
  /** The SDK's accessor functions, printed as native code (hooks/util.ts, hooks/prototypes.ts). */
  own: WeakSet<object>;
  /** The worker guard's URL and the settings a new worker starts with (realms/workers.ts). */
  wg?: string;
  ws: () => Omit<WorkerSettings, "u">;
}

/** Safe gate: an internal error means "not stored" (deletions still happen). */
export function pass(c: Core, w: Pending, fn?: Fn, self?: unknown, args?: unknown[]): boolean {
  try {
    return c.gate(w, fn, self, args);
  } catch {
    return w.op === "delete";
  }
}

/**
 * Gates method `P[k]`: `p(this, args)` describes the write (falsy: let the native decide, e.g. too few
 * arguments). A refused write returns `no()`; without `no` it is held for replay (cookies, web storage).
 */
export const gated = (
  c: Core,
  P: object | undefined,
  k: string,
  p: (self: never, a: never[]) => Pending | false,
  no?: () => unknown,
) =>
  method(
    P,
    k,
    c.own,
    (f) =>
      ({
        m(this: never, ...a: never[]) {
          // Web storage called on the Proxy the page holds (hooks/storage.ts): the platform needs the real object.
          const self = (c.px?.get(this) ?? this) as never;
          const x = p(self, a);
          return !x || pass(c, x, no ? undefined : f, self, a) ? f.apply(self, a) : no?.();
        },
      }).m,
  );

export type { StorageKind };
