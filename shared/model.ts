import type { Category } from "./categories.ts";
import type { RegistryEntry, StorageKind } from "./registry/schema.ts";

/** Where a classification came from, in precedence order (DESIGN.md, "Observed items, findings"). */
export const CLASSIFIERS = ["sdk", "well-known", "bundled", "open-cookie-database", "unknown"] as const;
export type Classifier = (typeof CLASSIFIERS)[number];

/** One item a browser really holds (or a page really wrote). */
export interface ObservedItem {
  kind: StorageKind;
  name: string;
  /** Cookie domain (leading dot stripped; `hostOnly` tells host-only cookies) — set for cookies. */
  domain?: string;
  hostOnly?: boolean;
  /** Origin (`https://www.dingtalk.com`) — set for web storage, IndexedDB and Cache Storage. */
  origin?: string;
  path?: string;
  /** Top-level site of a partitioned (CHIPS) cookie. */
  partitionKey?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "Strict" | "Lax" | "None";
  /** Expiry as epoch milliseconds; `null` = session. */
  expires?: number | null;
  size?: number;
  /** Epoch milliseconds. */
  firstSeen?: number;
  setBy?: "http" | "js" | "unknown";
  /** URL of the frame that wrote or holds the item. */
  frame?: string;
  value?: string;
}

export const FINDING_TYPES = [
  "declared",
  "undeclared",
  "present-while-blocked",
  "set-before-consent",
  "retention-exceeds-declared",
  "declared-not-observed",
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

/** Consent per optional category; `necessary` is always granted. */
export interface ConsentState {
  /** `false` when the person has not decided yet. */
  decided: boolean;
  categories: Record<Exclude<Category, "necessary">, boolean>;
  /** Categories the person blocked outright (extension), denied whatever consent says. */
  blocked?: readonly Category[];
  /** Epoch ms of the decision, used for `set-before-consent`. */
  decidedAt?: number;
}

export interface Finding {
  type: FindingType;
  /** Absent for `declared-not-observed`. */
  item?: ObservedItem;
  /** The declaring entry, when there is one. */
  entry?: RegistryEntry;
  category?: Category;
  /** Human readable, English. */
  message: string;
}
