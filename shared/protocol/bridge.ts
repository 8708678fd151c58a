/**
 * Page bridge: the window-message protocol between the in-page SDK and the extension's content script
 * (docs/protocol.md, "Page bridge"). Both sides post on the page's own `window`; every message carries
 * `source: "cookie-ledger"` and the protocol version `v`. Request and answer types are disjoint, so each
 * side ignores its own echoes by validating the direction it expects.
 *
 * Everything that crosses the bridge is untrusted: validate at every boundary with `isToPageMessage`
 * (SDK side) or `isFromPageMessage` (content-script side). Pure: no DOM, no extension API.
 */
import type { Category, OptionalCategory } from "../categories.ts";
import type { ConsentState, Finding, ObservedItem } from "../model.ts";
import type { Registry } from "../registry/schema.ts";

export const BRIDGE_SOURCE = "cookie-ledger";
export const BRIDGE_VERSION = 1;

interface Envelope {
  source: typeof BRIDGE_SOURCE;
  v: typeof BRIDGE_VERSION;
}

/** A request carries an `id` (≤ 64 chars) that the SDK echoes in its answer. */
interface Request extends Envelope {
  id: string;
}

/** Who made a consent decision. `extension` = asked for over this bridge. */
export type ConsentSource = "api" | "banner" | "extension" | "gpc";

// ---- content script → page -------------------------------------------------------------------

/** Is an SDK here? The SDK answers with `ready`. */
export interface HelloMessage extends Request {
  type: "hello";
}
/** Ask for the inventory once; answered with `inventory`. */
export interface GetInventoryMessage extends Request {
  type: "inventory.get";
}
/** Ask for `inventory` now and again after every write, block or consent change (throttled). */
export interface SubscribeMessage extends Request {
  type: "subscribe";
}
/** Change consent as if the person chose it; answered with `result`, then `consent` is broadcast. */
export interface SetConsentMessage extends Request {
  type: "consent.set";
  /** Optional categories to grant (`true`) or deny (`false`); missing ones keep their current value. */
  categories: Partial<Record<OptionalCategory, boolean>>;
}
/** Remove every item of a category the page can reach; answered with `result`. */
export interface ClearMessage extends Request {
  type: "clear";
  category: OptionalCategory;
}

export type ToPageMessage =
  | HelloMessage
  | GetInventoryMessage
  | SubscribeMessage
  | SetConsentMessage
  | ClearMessage;

// ---- page → content script -------------------------------------------------------------------

/** The SDK is running: sent once at start-up and in answer to `hello`. */
export interface ReadyMessage extends Envelope {
  type: "ready";
  id?: string;
  /** SDK version (semver). */
  sdk: string;
  /** The registry revision the page declares. */
  revision: string;
}

export interface BridgeInventory {
  registry: Registry;
  observed: ObservedItem[];
  findings: Finding[];
  consent: ConsentState;
}

/** An answer to `inventory.get`/`subscribe` (`id` set) or a pushed update (`id` absent). */
export interface InventoryMessage extends Envelope {
  type: "inventory";
  id?: string;
  inventory: BridgeInventory;
}
/** Consent changed (from any source). */
export interface ConsentMessage extends Envelope {
  type: "consent";
  consent: ConsentState;
  from: ConsentSource;
}
/** Outcome of `consent.set` or `clear`. */
export interface ResultMessage extends Envelope {
  type: "result";
  id: string;
  ok: boolean;
  error?: string;
  /** For `clear`: items the page could not remove (e.g. HttpOnly cookies). */
  unreachable?: ObservedItem[];
}

export type FromPageMessage = ReadyMessage | InventoryMessage | ConsentMessage | ResultMessage;

// ---- validators -------------------------------------------------------------------------------

const OPTIONAL: readonly string[] = ["functional", "analytics", "marketing"];
const ALL: readonly string[] = ["necessary", ...OPTIONAL];
const KINDS: readonly string[] = [
  "cookie",
  "localStorage",
  "sessionStorage",
  "indexedDB",
  "cacheStorage",
  "flash",
];
const FINDINGS: readonly string[] = [
  "declared",
  "undeclared",
  "present-while-blocked",
  "set-before-consent",
  "retention-exceeds-declared",
  "declared-not-observed",
];
const SOURCES: readonly string[] = ["api", "banner", "extension", "gpc"];
/** Bounds so a hostile page cannot make the extension hold unbounded data. */
const MAX_ITEMS = 10_000;
const MAX_STRING = 8_192;

type Rec = Record<string, unknown>;
const isObj = (x: unknown): x is Rec => typeof x === "object" && x !== null && !Array.isArray(x);
const isStr = (x: unknown, max = MAX_STRING): x is string => typeof x === "string" && x.length <= max;
const isId = (x: unknown): x is string => isStr(x, 64) && x.length > 0;
const optStr = (x: unknown) => x === undefined || isStr(x);
const optId = (x: unknown) => x === undefined || isId(x);
const isEnvelope = (x: unknown): x is Rec => isObj(x) && x.source === BRIDGE_SOURCE && x.v === BRIDGE_VERSION;

function isCategoryMap(x: unknown): x is Partial<Record<OptionalCategory, boolean>> {
  return isObj(x) && Object.keys(x).every((k) => OPTIONAL.includes(k) && typeof x[k] === "boolean");
}

/** Validates a message the SDK receives. Unknown fields are allowed; wrong ones are not. */
export function isToPageMessage(x: unknown): x is ToPageMessage {
  if (!isEnvelope(x) || !isId(x.id)) return false;
  switch (x.type) {
    case "hello":
    case "inventory.get":
    case "subscribe":
      return true;
    case "consent.set":
      return isCategoryMap(x.categories);
    case "clear":
      return typeof x.category === "string" && OPTIONAL.includes(x.category);
    default:
      return false;
  }
}

export function isConsentState(x: unknown): x is ConsentState {
  if (!isObj(x) || typeof x.decided !== "boolean" || !isObj(x.categories)) return false;
  const c = x.categories;
  if (!OPTIONAL.every((k) => typeof c[k] === "boolean")) return false;
  if (x.decidedAt !== undefined && typeof x.decidedAt !== "number") return false;
  return (
    x.blocked === undefined ||
    (Array.isArray(x.blocked) && x.blocked.every((b) => typeof b === "string" && ALL.includes(b)))
  );
}

const OPT_NUM = ["expires", "size", "firstSeen"];
const OPT_STR = ["domain", "origin", "path", "partitionKey", "frame", "value", "sameSite", "setBy"];
const OPT_BOOL = ["hostOnly", "httpOnly", "secure"];

export function isObservedItem(x: unknown): x is ObservedItem {
  if (!isObj(x) || !(typeof x.kind === "string" && KINDS.includes(x.kind)) || !isStr(x.name)) return false;
  if (!OPT_STR.every((k) => optStr(x[k]))) return false;
  if (!OPT_BOOL.every((k) => x[k] === undefined || typeof x[k] === "boolean")) return false;
  return OPT_NUM.every((k) => x[k] === undefined || x[k] === null || typeof x[k] === "number");
}

function isFinding(x: unknown): x is Finding {
  return (
    isObj(x) &&
    typeof x.type === "string" &&
    FINDINGS.includes(x.type) &&
    isStr(x.message) &&
    (x.item === undefined || isObservedItem(x.item)) &&
    (x.entry === undefined || isObj(x.entry)) &&
    (x.category === undefined || (typeof x.category === "string" && ALL.includes(x.category)))
  );
}

const isList = <T>(x: unknown, each: (y: unknown) => y is T): x is T[] =>
  Array.isArray(x) && x.length <= MAX_ITEMS && x.every(each);

/**
 * Shallow check of the registry's envelope: the extension validates the full document with the
 * registry schema (shared/registry/) before it trusts any entry.
 */
function isRegistryShape(x: unknown): x is Registry {
  return (
    isObj(x) &&
    isStr(x.format) &&
    isStr(x.revision) &&
    Array.isArray(x.properties) &&
    Array.isArray(x.entries) &&
    x.entries.length <= MAX_ITEMS
  );
}

export function isBridgeInventory(x: unknown): x is BridgeInventory {
  return (
    isObj(x) &&
    isRegistryShape(x.registry) &&
    isList(x.observed, isObservedItem) &&
    isList(x.findings, isFinding) &&
    isConsentState(x.consent)
  );
}

/** Validates a message the content script receives from the page. */
export function isFromPageMessage(x: unknown): x is FromPageMessage {
  if (!isEnvelope(x)) return false;
  switch (x.type) {
    case "ready":
      return optId(x.id) && isStr(x.sdk, 64) && isStr(x.revision, 256);
    case "inventory":
      return optId(x.id) && isBridgeInventory(x.inventory);
    case "consent":
      return isConsentState(x.consent) && typeof x.from === "string" && SOURCES.includes(x.from);
    case "result":
      return (
        isId(x.id) &&
        typeof x.ok === "boolean" &&
        optStr(x.error) &&
        (x.unreachable === undefined || isList(x.unreachable, isObservedItem))
      );
    default:
      return false;
  }
}

/** Builds an envelope-stamped message (either direction). */
export function bridgeMessage<T extends { type: string }>(body: T): T & Envelope {
  return { source: BRIDGE_SOURCE, v: BRIDGE_VERSION, ...body };
}

/** Categories named by the protocol, re-exported for content scripts that build requests. */
export type { Category, OptionalCategory };
