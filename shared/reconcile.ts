/**
 * One reconciliation for the SDK, the extension and the audit: registry + observed items + consent →
 * findings. The rules are in docs/reconciliation.md. Pure and synchronous; never throws on typed input.
 */
import type { Category, OptionalCategory } from "./categories.ts";
import { compileMatcher, entryCategory } from "./match/compile.ts";
import type { Matcher, MatchResult } from "./match/types.ts";
import type { ConsentState, Finding, ObservedItem } from "./model.ts";
import { DEFAULT_COLLECTED_KINDS, expectedToBeSeen, observedHosts } from "./reconcile/coverage.ts";
import { retentionExcess } from "./reconcile/retention.ts";
import type { Registry, StorageKind } from "./registry/schema.ts";

export interface ReconcileInput {
  registry: Registry;
  observed: readonly ObservedItem[];
  consent: ConsentState;
  /** A matcher compiled from `registry`; compiled here when absent (pass one to reconcile often). */
  matcher?: Matcher;
  /** Epoch ms of the observation; defaults to `Date.now()`. */
  now?: number;
  /** Kinds the caller really collected, for `declared-not-observed`; defaults to every kind but Flash. */
  collectedKinds?: readonly StorageKind[];
}

/** Whether the person refused or blocked the category (`necessary` never is). */
export function isDenied(consent: ConsentState, category: Category): boolean {
  if (category === "necessary") return false;
  if (consent.blocked?.includes(category)) return true;
  return consent.decided && !consent.categories[category as OptionalCategory];
}

function label(item: ObservedItem): string {
  const where = item.domain ?? item.origin;
  return `${item.kind} "${item.name}"${where ? ` on ${where}` : ""}`;
}

/** Findings for one observed item: exactly one `declared` or `undeclared`, then any violations. */
function itemFindings(
  input: ReconcileInput,
  match: MatchResult | undefined,
  item: ObservedItem,
  now: number,
): Finding[] {
  if (!match) {
    return [{ type: "undeclared", item, message: `${label(item)} is not declared in the registry` }];
  }
  const { entry, category } = match;
  const what = label(item);
  const out: Finding[] = [
    { type: "declared", item, entry, category, message: `${what} is declared as ${category}` },
  ];
  const { consent } = input;
  if (category !== "necessary") {
    if (isDenied(consent, category)) {
      const why = consent.blocked?.includes(category) ? "blocked" : "refused";
      out.push({
        type: "present-while-blocked",
        item,
        entry,
        category,
        message: `${what} is stored although ${category} is ${why}`,
      });
    }
    const early =
      !consent.decided ||
      (consent.decidedAt !== undefined && item.firstSeen !== undefined && item.firstSeen < consent.decidedAt);
    if (early) {
      out.push({
        type: "set-before-consent",
        item,
        entry,
        category,
        message: `${what} (${category}) was stored before the person decided on consent`,
      });
    }
  }
  const excess = retentionExcess(item, entry, now);
  if (excess) {
    out.push({ type: "retention-exceeds-declared", item, entry, category, message: `${what} ${excess}` });
  }
  return out;
}

/** Reconciles what the browser holds with what the registry declares, under the given consent. */
export function reconcile(input: ReconcileInput): Finding[] {
  const { registry, observed } = input;
  const matcher = input.matcher ?? compileMatcher(registry);
  const now = input.now ?? Date.now();
  const findings: Finding[] = [];
  const seen = new Set<number>();
  for (const item of observed) {
    const match = matcher.match(item);
    if (match) seen.add(match.index);
    findings.push(...itemFindings(input, match, item, now));
  }
  const hosts = observedHosts(observed);
  const kinds = input.collectedKinds ?? DEFAULT_COLLECTED_KINDS;
  for (const [index, entry] of registry.entries.entries()) {
    if (seen.has(index) || !expectedToBeSeen(registry, entry, hosts, kinds)) continue;
    const category = entryCategory(registry, entry);
    if (category === undefined) continue;
    findings.push({
      type: "declared-not-observed",
      entry,
      category,
      message: `${entry.kind} "${entry.name}"${entry.domain ? ` on ${entry.domain}` : ""} is declared but was not observed`,
    });
  }
  return findings;
}
