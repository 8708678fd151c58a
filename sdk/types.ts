/** Public types of the in-page SDK (docs/sdk.md). */
import type { Category, OptionalCategory } from "../shared/categories.ts";
import type { ConsentState, Finding, ObservedItem } from "../shared/model.ts";
import type { BridgeInventory, ConsentSource } from "../shared/protocol/bridge.ts";
import type { Registry, RegistryEntry, StorageKind } from "../shared/registry/schema.ts";

export type {
  BridgeInventory,
  Category,
  ConsentSource,
  OptionalCategory,
  Registry,
  RegistryEntry,
  StorageKind,
};

/** What happens to a write no registry entry declares. */
export type UndeclaredPolicy = "allow" | "block";

export interface LedgerOptions {
  registry: Registry;
  /** Undeclared writes: `allow` (default) or `block`. */
  policy?: UndeclaredPolicy;
  /** Dev mode: record stacks, warn once per undeclared key with a ready-to-paste entry. */
  dev?: boolean;
  /**
   * Categories Global Privacy Control denies: `acceptAll()` leaves them off while
   * `navigator.globalPrivacyControl` is on. Default `["analytics", "marketing"]`; `[]` ignores GPC.
   */
  gpc?: OptionalCategory[];
  /** The window to protect (default: the global one). */
  window?: Window;
  /** Loads the lazy part (inventory, consent log, dev warnings). The ESM build bundles it. */
  extras?: () => Promise<Extras>;
  /** URL of dist/sdk/cookie-ledger-worker.js: workers the page starts run it first (docs/sdk.md). */
  workerGuard?: string;
  /** Answer the extension's content script over window messages (default `true`). */
  bridge?: boolean;
}

/** The consent record kept in the `cookie_ledger_consent` cookie. */
export interface ConsentRecord {
  /** Granted optional categories. */
  categories: Record<OptionalCategory, boolean>;
  revision: string;
  /** Epoch ms. */
  at: number;
  source: ConsentSource;
  /** Random id of this decision. */
  id: string;
  /** Set on the consent-log entry of `withdraw()` (never in the cookie). */
  withdrawn?: boolean;
}

/** `consent.get()`: the shared ConsentState plus the record behind it. */
export interface Consent extends ConsentState {
  record?: ConsentRecord;
  /** Global Privacy Control is on in this browser. */
  gpc: boolean;
}

/** One intercepted write. */
export interface WriteRecord {
  kind: StorageKind;
  name: string;
  /** `set` stores; `delete` removes (always passes). */
  op: "set" | "delete";
  /** The declaring entry's category; `undefined` = undeclared. */
  category?: Category;
  entry?: RegistryEntry;
  allowed: boolean;
  /** Held for replay if consent arrives later in this page. */
  held?: boolean;
  /** Epoch ms. */
  at: number;
  /** Cookie domain attribute or page host. */
  domain?: string;
  path?: string;
  /** The raw `document.cookie` assignment, for cookies. */
  raw?: string;
  /** Dev mode only. */
  stack?: string;
}

export type LedgerEvent = "write" | "blocked" | "undeclared" | "consent";

export interface ConsentChange {
  consent: Consent;
  from: ConsentSource;
  /** Categories whose scripts already ran and were now revoked: reload the page to stop them. */
  reload: Category[];
}

export interface PurgeResult {
  removed: ObservedItem[];
  /** Still visible after deletion (set on a domain/path the page cannot reach). */
  unreachable: ObservedItem[];
  /**
   * `clear()` only: declared cookies of the category that script cannot see — HttpOnly, or a Path that
   * does not cover this page. If they are stored, they remain: the server filter or the extension removes them.
   */
  hidden?: RegistryEntry[];
}

export interface ConsentApi {
  get(): Consent;
  set(categories: Partial<Record<OptionalCategory, boolean>>, from?: ConsentSource): Promise<ConsentChange>;
  /** Grants every optional category except those Global Privacy Control denies. */
  acceptAll(from?: ConsentSource): Promise<ConsentChange>;
  rejectAll(from?: ConsentSource): Promise<ConsentChange>;
  /** Forget the decision: back to "no decision", non-essential items purged. */
  withdraw(from?: ConsentSource): Promise<ConsentChange>;
  /** Every decision made in this browser for this origin, oldest first (IndexedDB `cookie-ledger`). */
  history(): Promise<ConsentRecord[]>;
}

export interface Ledger {
  readonly version: string;
  readonly registry: Registry;
  readonly consent: ConsentApi;
  /** The last intercepted writes (at most 500), oldest first. */
  writes(): WriteRecord[];
  inventory(): Promise<BridgeInventory>;
  clear(category: OptionalCategory): Promise<PurgeResult>;
  on(event: "write" | "blocked" | "undeclared", fn: (w: WriteRecord) => void): () => void;
  on(event: "consent", fn: (c: ConsentChange) => void): () => void;
  /** The safety net removed an item stored while its category was refused. */
  on(event: "finding", fn: (f: Finding) => void): () => void;
  /** A safety-net sweep finished. */
  on(event: "sweep", fn: (r: PurgeResult) => void): () => void;
  register(entries: RegistryEntry[]): void;
  /** Intercept another same-origin realm (iframe, popup). Idempotent. */
  patch(win: Window): void;
}

/** The lazily loaded part. */
export interface Extras {
  inventory(ctx: ExtrasContext): Promise<BridgeInventory>;
  log(record: ConsentRecord): Promise<void>;
  history(): Promise<ConsentRecord[]>;
  warn(write: WriteRecord, registry: Registry): void;
  /** Starts the page side of the bridge; `backlog` = requests received before it loaded. */
  bridge(win: Window, ledger: Ledger, backlog: unknown[]): void;
  /** Adds `hidden` to a `clear(category)` result. */
  hidden(registry: Registry, category: string, result: PurgeResult, host: string): PurgeResult;
}

export interface ExtrasContext {
  win: Window;
  registry: Registry;
  consent: ConsentState;
  writes: WriteRecord[];
  /** The safety net's findings so far (sdk/sweep.ts). */
  findings: Finding[];
}
