/**
 * Turns a visit into report items and findings: each item gets its classification (registry entry, else the
 * Open Cookie Database, else unknown), and the shared reconciliation gives the findings. Without a registry,
 * every item is `undeclared`.
 */
import type { Category } from "../../shared/categories.ts";
import { compileMatcher } from "../../shared/match/compile.ts";
import type { Matcher } from "../../shared/match/types.ts";
import type { ConsentState, ObservedItem } from "../../shared/model.ts";
import { reconcile } from "../../shared/reconcile.ts";
import type { Registry, RegistryEntry } from "../../shared/registry/schema.ts";
import { itemKey } from "./collect.ts";
import type { AuditFinding, AuditItem, Classification, RegistryInfo } from "./types.ts";
import type { Visit } from "./visit.ts";

/** What the Open Cookie Database (or any fallback) knows about an item. */
export interface KnownInfo {
  category: Category;
  provider?: string;
  description?: string;
  retention?: string;
}
export type KnownLookup = (item: ObservedItem) => KnownInfo | undefined;

export interface Classifier {
  classify(visit: Visit): { items: AuditItem[]; findings: AuditFinding[]; notObserved: string[] };
}

/** Identity of a registry entry across pages and shards. */
export function entryKey(entry: RegistryEntry): string {
  return `${entry.kind}|${entry.name}|${entry.domain ?? ""}|${entry.path ?? ""}`;
}

export function consentFor(visit: Visit): ConsentState {
  const all = (granted: boolean) => ({ functional: granted, analytics: granted, marketing: granted });
  if (visit.scenario === "before-consent" || !visit.consent.answered || visit.decidedAt === undefined)
    return { decided: false, categories: all(false) };
  return { decided: true, categories: all(visit.scenario === "accept-all"), decidedAt: visit.decidedAt };
}

function fromEntry(
  registry: Registry,
  entry: RegistryEntry,
  category: Category,
  source: RegistryInfo["source"],
) {
  const purpose = entry.purpose === undefined ? undefined : registry.purposes[entry.purpose];
  const c: Classification = { category, classifier: source, entryKey: entryKey(entry) };
  if (entry.purpose !== undefined) c.purpose = entry.purpose;
  if (purpose) {
    c.purposeLabel = purpose.label.en;
    c.policyRef = purpose.policyRef;
  }
  if (entry.provider) c.provider = entry.provider.name;
  if (entry.maxAgeSeconds !== undefined) c.declaredMaxAgeSeconds = entry.maxAgeSeconds;
  return c;
}

function fromKnown(info: KnownInfo | undefined): Classification {
  if (!info) return { classifier: "unknown" };
  const c: Classification = { category: info.category, classifier: "open-cookie-database" };
  if (info.provider) c.provider = info.provider;
  if (info.description) c.purposeLabel = info.description;
  return c;
}

export function retentionSeconds(item: ObservedItem): number | null | undefined {
  if (item.kind !== "cookie") return undefined;
  if (item.expires === null || item.expires === undefined) return null;
  return Math.max(0, Math.round((item.expires - (item.firstSeen ?? Date.now())) / 1000));
}

export function createClassifier(
  registry: Registry | undefined,
  source: RegistryInfo["source"],
  known: KnownLookup = () => undefined,
): Classifier {
  const matcher: Matcher | undefined = registry ? compileMatcher(registry) : undefined;
  return {
    classify(visit) {
      const now = Math.max(0, ...visit.items.map((i) => i.firstSeen ?? 0)) || Date.now();
      const items: AuditItem[] = visit.items.map((item) => {
        const match = matcher?.match(item);
        const classification =
          registry && match
            ? fromEntry(registry, match.entry, match.category, source)
            : fromKnown(known(item));
        const out: AuditItem = { ...item, classification };
        const retention = retentionSeconds(item);
        if (retention !== undefined) out.retentionSeconds = retention;
        return out;
      });
      if (!registry || !matcher) {
        const findings: AuditFinding[] = items.map((item) => {
          const f: AuditFinding = {
            type: "undeclared",
            message: `${item.kind} "${item.name}" on ${item.domain ?? item.origin} is not declared (no registry)`,
            itemKey: itemKey(item),
          };
          if (item.classification.category) f.category = item.classification.category;
          return f;
        });
        return { items, findings, notObserved: [] };
      }
      const raw = reconcile({ registry, observed: visit.items, consent: consentFor(visit), matcher, now });
      const findings: AuditFinding[] = [];
      const notObserved: string[] = [];
      for (const f of raw) {
        if (f.type === "declared-not-observed") {
          if (f.entry) notObserved.push(entryKey(f.entry));
          continue;
        }
        const out: AuditFinding = { type: f.type, message: f.message };
        if (f.category) out.category = f.category;
        else if (f.item) {
          const c = items.find((i) => itemKey(i) === itemKey(f.item!))?.classification.category;
          if (c) out.category = c;
        }
        if (f.item) out.itemKey = itemKey(f.item);
        findings.push(out);
      }
      return { items, findings, notObserved: [...new Set(notObserved)].sort() };
    },
  };
}
