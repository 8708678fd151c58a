import { readFileSync } from "node:fs";
import { propertySetPaths } from "../../scripts/demo/paths.ts";
import type { Category } from "../../shared/categories.ts";
import type { FindingType, ObservedItem } from "../../shared/model.ts";
import type { StorageKind } from "../../shared/registry/schema.ts";

/** One item a page of the property set stores (test/fixtures/property-set/ground-truth.json). */
export interface TruthItem {
  kind: StorageKind;
  name: string;
  /** Cookies: domain without the leading dot; `hostOnly` tells host-only cookies. */
  domain?: string;
  hostOnly?: boolean;
  /** Web storage, IndexedDB, Cache Storage. */
  origin?: string;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "Strict" | "Lax" | "None" | null;
  /** Top-level site of a partitioned cookie; null when unpartitioned. */
  partitionKey?: string | null;
  /** Lifetime given when set; null = session. */
  maxAgeSeconds?: number | null;
  /** Classification by the served registry; null = undeclared. */
  category: Category | null;
  setBy: "http" | "js";
  /** The write path that stores it (document, fetch, image, document.cookie, cookieStore.set, …). */
  via: string;
  /** URL of the frame that writes it, when not the page itself. */
  frame?: string;
  /** Only stored when unpartitioned third-party cookies are allowed. */
  thirdPartyCookie?: boolean;
}

export type ItemRef = Pick<TruthItem, "kind" | "name" | "domain" | "origin">;

export interface PlantedProblem {
  type: FindingType;
  item: ItemRef;
  frame?: string;
  declaredMaxAgeSeconds?: number;
  actualMaxAgeSeconds?: number;
  note: string;
}

export interface TruthPage {
  url: string;
  host: string;
  title: string;
  items: TruthItem[];
  problems: PlantedProblem[];
}

export interface TruthFlow {
  name: string;
  start: string;
  fields: Record<string, string>;
  submit: string;
  lands: string;
  needs: string;
  signedInMarker: string;
  signedOutMarker: string;
  items: TruthItem[];
  problems: PlantedProblem[];
}

/** Items a page stores only once its requests carry consent (the www host's server-side filter). */
export interface TruthWithConsent {
  url: string;
  consent: "accept-all";
  note: string;
  items: TruthItem[];
}

export type SdkScenarioName = "no-decision" | "reject-all" | "accept-all" | "accept-all-gpc";

/** One situation of a page served with the SDK: the decision taken (then the page is loaded again). */
export interface SdkScenario {
  /** The `cookieLedger.consent` call, or null for no decision. */
  decision: "acceptAll" | "rejectAll" | null;
  /** The browser sends Global Privacy Control. */
  gpc?: boolean;
  /** Categories of the page's items that are stored; null = undeclared items. */
  stores: (Category | null)[];
}

/** An item that breaks the SDK-mode rule on a page, in the scenarios named. */
export interface SdkException {
  url: string;
  item: ItemRef;
  scenarios: SdkScenarioName[];
  /** Whether it is stored there, against the rule. */
  stored: boolean;
  reason: string;
}

/** What the pages store with the SDK, by rule (see `sdkModeItems`). */
export interface TruthSdkMode {
  description: string;
  scenarios: Record<SdkScenarioName, SdkScenario>;
  /** Written by the SDK itself once a decision exists, on every page. */
  sdkItems: (Pick<TruthItem, "kind" | "name" | "category"> & { note: string })[];
  exceptions: SdkException[];
}

export interface GroundTruth {
  format: "cookie-ledger-ground-truth/1";
  description: string;
  registry: string;
  pages: TruthPage[];
  flows: TruthFlow[];
  withConsent?: TruthWithConsent[];
  sdkMode: TruthSdkMode;
}

export function loadGroundTruth(path = propertySetPaths().groundTruth): GroundTruth {
  return JSON.parse(readFileSync(path, "utf8")) as GroundTruth;
}

/**
 * The ground-truth items a page served with the SDK stores in a scenario: its items and those it stores only
 * with consent (`withConsent`) whose category the scenario stores, with the listed exceptions applied. The
 * SDK's own items (`isSdkItem`) come on top once a decision exists.
 */
export function sdkModeItems(truth: GroundTruth, url: string, scenario: SdkScenarioName): TruthItem[] {
  const page = truth.pages.find((p) => p.url === url);
  if (!page) throw new Error(`no page ${url} in the ground truth`);
  const { stores } = truth.sdkMode.scenarios[scenario];
  const candidates = [
    ...page.items,
    ...(truth.withConsent ?? []).filter((w) => w.url === url).flatMap((w) => w.items),
  ];
  const exceptions = truth.sdkMode.exceptions.filter((e) => e.url === url && e.scenarios.includes(scenario));
  return candidates.filter((item) => {
    const exception = exceptions.find((e) => refersTo(e.item, item));
    return exception ? exception.stored : stores.includes(item.category);
  });
}

/** Whether an item is one the SDK itself writes (its consent record and log). */
export function isSdkItem(truth: GroundTruth, item: Pick<ItemRef, "kind" | "name">): boolean {
  return truth.sdkMode.sdkItems.some((i) => i.kind === item.kind && i.name === item.name);
}

/** Identity of a stored item: kind, name, where (domain or origin), path and partition. */
export function itemKey(item: ItemRef & { path?: string; partitionKey?: string | null }): string {
  const where = item.kind === "cookie" ? item.domain : item.origin;
  return [
    item.kind,
    item.name,
    where,
    item.kind === "cookie" ? (item.path ?? "/") : "",
    item.partitionKey ?? "",
  ].join(" | ");
}

/** Same item, ignoring path and partition: what a problem's `item` reference names. */
export function refersTo(ref: ItemRef, item: ItemRef): boolean {
  return (
    ref.kind === item.kind &&
    ref.name === item.name &&
    (ref.kind === "cookie" ? ref.domain === item.domain : ref.origin === item.origin)
  );
}

/** Origins (`https://host`) of every first-party host appearing in the ground truth. */
export function truthOrigins(truth: GroundTruth): string[] {
  return [...new Set(truth.pages.map((p) => new URL(p.url).origin))];
}

/**
 * How an observed item differs from its ground truth, as readable lines (empty when it matches). Lifetimes are
 * compared against `visitedAt` with a two-minute margin.
 */
export function attributeDifferences(
  expected: TruthItem,
  observed: ObservedItem,
  visitedAt: number,
): string[] {
  const out: string[] = [];
  const same = (label: string, want: unknown, got: unknown) => {
    if (want !== got) out.push(`${label}: expected ${String(want)}, found ${String(got)}`);
  };
  if (expected.kind !== "cookie") return out;
  same("hostOnly", expected.hostOnly, observed.hostOnly);
  same("httpOnly", expected.httpOnly, observed.httpOnly);
  same("secure", expected.secure, observed.secure);
  same("sameSite", expected.sameSite ?? undefined, observed.sameSite);
  if (expected.maxAgeSeconds === null || observed.expires === null || observed.expires === undefined) {
    same("session", expected.maxAgeSeconds === null, observed.expires === null);
  } else if (expected.maxAgeSeconds !== undefined) {
    const lifetime = (observed.expires - visitedAt) / 1000;
    if (Math.abs(lifetime - expected.maxAgeSeconds) > 120) {
      out.push(`lifetime: expected ~${expected.maxAgeSeconds}s, found ${Math.round(lifetime)}s`);
    }
  }
  return out;
}
