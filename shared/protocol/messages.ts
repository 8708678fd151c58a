/**
 * Service-worker commands of the extension: one discriminated union, validated on receipt
 * (docs/protocol.md). Tests, QA scripts, the popup and content scripts all speak it.
 *
 * Trust: the receiver decides what a command may concern from the *sender*, never from the body.
 * A command from a web page or content script concerns that tab's own site only; a `tabId` or
 * `site` it names must agree with the sender's tab or it is refused. Only extension pages may
 * name another tab or change blocking (`PAGE_COMMANDS` lists what a page may send).
 *
 * Pure: no DOM, no extension API. Validation uses valibot.
 */
import * as v from "valibot";
import { CATEGORIES, type Category, OPTIONAL_CATEGORIES, type OptionalCategory } from "../categories.ts";
import type { Classifier, FindingType, ObservedItem } from "../model.ts";
import type { LocalizedText } from "../registry/schema.ts";

const TabId = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A registrable domain or host: lower-case letters, digits, dots and dashes, bounded. */
const Site = v.pipe(v.string(), v.maxLength(253), v.regex(/^[a-z0-9.-]+$/), v.minLength(1));
const Optional = v.picklist(OPTIONAL_CATEGORIES);

export const CommandSchema = v.variant("type", [
  /** The classified inventory of a tab's site (the sender's tab for pages). */
  v.strictObject({ type: v.literal("getInventory"), tabId: v.optional(TabId) }),
  /** Remove every item of an optional category for the tab's site; verify each removal. */
  v.strictObject({
    type: v.literal("clearCategory"),
    tabId: v.optional(TabId),
    site: v.optional(Site),
    category: Optional,
  }),
  /** Block or unblock a category for a site (extension pages only). */
  v.strictObject({
    type: v.literal("setBlock"),
    site: Site,
    category: Optional,
    blocked: v.boolean(),
  }),
  /** Block or unblock a category on every site without an override of its own (extension pages only). */
  v.strictObject({ type: v.literal("setDefaultBlock"), category: Optional, blocked: v.boolean() }),
  /** Block every optional category for a site (extension pages only). */
  v.strictObject({ type: v.literal("blockAllNonEssential"), site: Site }),
  /** The effective blocked categories of a site. */
  v.strictObject({ type: v.literal("getBlocking"), site: v.optional(Site) }),
  /** The inventory as a file body. */
  v.strictObject({
    type: v.literal("exportInventory"),
    tabId: v.optional(TabId),
    format: v.picklist(["json", "csv"]),
  }),
  /** First- and last-seen times of a site's items (extension pages only). */
  v.strictObject({ type: v.literal("getHistory"), site: Site }),
]);

export type Command = v.InferOutput<typeof CommandSchema>;
export type CommandType = Command["type"];

/** Commands a web page or content script may send (each then concerns the sender's site only). */
export const PAGE_COMMANDS: readonly CommandType[] = [
  "getInventory",
  "clearCategory",
  "getBlocking",
  "exportInventory",
];

/** Parses an untrusted value into a Command; `undefined` when it is not one. */
export function parseCommand(value: unknown): Command | undefined {
  const result = v.safeParse(CommandSchema, value);
  return result.success ? result.output : undefined;
}

// ---- replies ------------------------------------------------------------------------------------

/** Every reply is `{ ok: true, ... }` or `{ ok: false, error }`. */
export type Reply<T> = ({ ok: true } & T) | { ok: false; error: string };

/** One item of the inventory as the popup shows it. */
export interface InventoryItem {
  /** Stable key: kind, domain or origin, path, partition and name. */
  key: string;
  item: ObservedItem;
  /** `undefined` = unknown (no source classified it). */
  category?: Category;
  classifier: Classifier;
  /** Declared by the site itself (SDK, well-known file or the bundled site registry). */
  declared: boolean;
  purpose?: { id: string; label: LocalizedText; description: LocalizedText; policyRef: string };
  description?: LocalizedText;
  provider?: { name: string; url?: string };
  /** Declared retention in seconds; `null` = session; absent = not declared. */
  declaredMaxAgeSeconds?: number | null;
  findings: FindingType[];
  /** The item's category is blocked for the site. */
  blocked: boolean;
  /** From the history (epoch ms). */
  firstSeen?: number;
  lastSeen?: number;
}

/** A declared item the browser cannot hold (Flash cookies). */
export interface UnholdableItem {
  kind: string;
  name: string;
  category?: Category;
  description?: LocalizedText;
  provider?: { name: string; url?: string };
}

export interface Inventory {
  site: string;
  tabId: number;
  url: string;
  generatedAt: number;
  /** Registry sources that were available, in precedence order. */
  sources: Classifier[];
  sdk?: { version: string; revision: string };
  blocked: OptionalCategory[];
  items: InventoryItem[];
  unholdable: UnholdableItem[];
  /** Frames whose storage could not be read (e.g. a cross-origin frame without host access). */
  unreadFrames: string[];
}

/** Items the popup lists first: undeclared ones and those with a violation. */
export function needsAttention(row: Pick<InventoryItem, "findings">): boolean {
  return row.findings.some((f) => f !== "declared");
}

export interface ClearReport {
  site: string;
  category: OptionalCategory;
  removed: ObservedItem[];
  /** Items still present after removal, with the reason. */
  failed: { item: ObservedItem; reason: string }[];
  /** Whether the page's SDK was told to withdraw consent for the category. */
  sdkConsent: boolean;
}

export interface BlockingState {
  site: string;
  blocked: OptionalCategory[];
}

export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
}

export interface HistoryRecord {
  site: string;
  key: string;
  kind: string;
  name: string;
  firstSeen: number;
  lastSeen: number;
}

/** The reply payload of each command. */
export interface ReplyOf {
  getInventory: { inventory: Inventory };
  clearCategory: { report: ClearReport };
  setBlock: { blocking: BlockingState };
  blockAllNonEssential: { blocking: BlockingState };
  setDefaultBlock: { defaults: OptionalCategory[] };
  getBlocking: { blocking: BlockingState };
  exportInventory: { file: ExportFile };
  getHistory: { records: HistoryRecord[] };
}

export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Re-exported for callers that build commands. */
export { CATEGORIES, OPTIONAL_CATEGORIES };
