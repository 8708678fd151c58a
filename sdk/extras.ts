/**
 * The lazily loaded part of the SDK (dist/sdk/cookie-ledger-extras.js, fetched next to the core on first
 * use): the inventory through the shared reconciliation, the consent log in IndexedDB through `idb`,
 * and dev-mode warnings with a ready-to-paste registry entry.
 */
import { type DBSchema, openDB } from "idb";
import { parseCookieAssignment } from "../shared/cookies/index.ts";
import type { ObservedItem } from "../shared/model.ts";
import { reconcile } from "../shared/reconcile.ts";
import { compileClassifier } from "./classify.ts";

export { startBridge as bridge } from "./bridge.ts";

import type {
  ConsentRecord,
  ExtrasContext,
  PurgeResult,
  Registry,
  RegistryEntry,
  WriteRecord,
} from "./types.ts";

interface LogSchema extends DBSchema {
  consent: { key: number; value: ConsentRecord };
}

const db = () =>
  openDB<LogSchema>("cookie-ledger", 1, {
    upgrade(d) {
      d.createObjectStore("consent", { autoIncrement: true });
    },
  });

export async function log(record: ConsentRecord): Promise<void> {
  const d = await db();
  await d.add("consent", record);
  d.close();
}

export async function history(): Promise<ConsentRecord[]> {
  const d = await db();
  const all = await d.getAll("consent");
  d.close();
  return all;
}

/** What the page can see of its storage now, enriched with what the SDK saw being written. */
export async function observe(ctx: ExtrasContext): Promise<ObservedItem[]> {
  const { win, writes } = ctx;
  const loc = win.location;
  const origin = loc.origin;
  const frame = loc.href;
  const lastSet = new Map<string, WriteRecord>();
  for (const w of writes) if (w.op === "set" && w.allowed) lastSet.set(`${w.kind} ${w.name}`, w);
  const items: ObservedItem[] = [];
  for (const pair of win.document.cookie.split(";")) {
    const i = pair.indexOf("=");
    const name = (i < 0 ? "" : pair.slice(0, i)).trim();
    if (!pair.trim()) continue;
    const value = pair.slice(i + 1).trim();
    const w = lastSet.get(`cookie ${name}`);
    const parsed = w?.raw ? parseCookieAssignment(w.raw, { url: frame, now: w.at }) : undefined;
    const item: ObservedItem =
      parsed && parsed.status === "set"
        ? { ...parsed.item, value }
        : { kind: "cookie", name, value, domain: loc.hostname, setBy: "unknown", frame };
    items.push(item);
  }
  for (const kind of ["localStorage", "sessionStorage"] as const) {
    try {
      const s = win[kind];
      for (let i = 0; i < s.length; i++) {
        const name = s.key(i)!;
        const w = lastSet.get(`${kind} ${name}`);
        items.push({
          kind,
          name,
          origin,
          frame,
          setBy: w ? "js" : "unknown",
          firstSeen: w?.at,
          size: s.getItem(name)?.length,
        });
      }
    } catch {}
  }
  try {
    for (const { name } of await win.indexedDB.databases())
      if (name) items.push({ kind: "indexedDB", name, origin, frame, setBy: "js" });
  } catch {}
  try {
    for (const name of await win.caches.keys())
      items.push({ kind: "cacheStorage", name, origin, frame, setBy: "js" });
  } catch {}
  return items;
}

export async function inventory(ctx: ExtrasContext) {
  const observed = await observe(ctx);
  const findings = [
    ...reconcile({ registry: ctx.registry, observed, consent: ctx.consent }),
    ...ctx.findings,
  ];
  return { registry: ctx.registry, observed, findings, consent: ctx.consent };
}

/** A registry entry to paste for an undeclared write; the category is a guess to review. */
export function suggestEntry(w: WriteRecord): RegistryEntry {
  const e: RegistryEntry = { kind: w.kind, name: w.name, category: "functional", source: "site" };
  if (w.kind === "cookie" && w.domain) e.domain = w.domain;
  if (w.raw) {
    const p = parseCookieAssignment(w.raw, { url: "https://x.invalid/", now: w.at });
    if (p.status === "set")
      e.maxAgeSeconds = p.item.expires == null ? null : Math.round((p.item.expires - w.at) / 1000);
  }
  return e;
}

export function warn(w: WriteRecord, _registry: Registry): void {
  console.warn(
    `Cookie Ledger: undeclared ${w.kind} "${w.name}" written (policy ${w.allowed ? "allow" : "block"}).\n` +
      `Declare it in the registry's "entries" (review the category):\n${JSON.stringify(suggestEntry(w), null, 2)}\n` +
      `Written at:\n${w.stack ?? "(stack unavailable)"}`,
  );
}

/**
 * Declared cookies of `category` that script cannot see (HttpOnly, or a Path that does not cover the page):
 * reported with a `clear()` result instead of being claimed removed.
 */
export function hidden(registry: Registry, category: string, result: PurgeResult, host: string): PurgeResult {
  const classify = compileClassifier(registry);
  const seen = result.removed.map((i) => i.name);
  result.hidden = registry.entries.filter(
    (e) =>
      e.kind === "cookie" &&
      !e.name.includes("*") &&
      !seen.includes(e.name) &&
      classify("cookie", e.name, e.domain ?? host, e.path)?.category === category,
  );
  return result;
}
