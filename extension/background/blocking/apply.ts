import type { DeclarativeNetRequest, Scripting } from "webextension-polyfill";
import { encodeGuardConfig, GUARD_TIMING_NAME } from "../../content/guard-config.ts";
import type { BlockPlan } from "./plan.ts";

export const GUARD_SCRIPT_ID = "cookie-ledger-guard";

export type DnrApi = Pick<DeclarativeNetRequest.Static, "getDynamicRules" | "updateDynamicRules">;
export type ScriptingApi = Pick<
  Scripting.Static,
  | "getRegisteredContentScripts"
  | "registerContentScripts"
  | "updateContentScripts"
  | "unregisterContentScripts"
>;

const SUBRESOURCES: DeclarativeNetRequest.ResourceType[] = [
  "sub_frame",
  "script",
  "image",
  "stylesheet",
  "xmlhttprequest",
  "ping",
  "media",
  "font",
  "websocket",
  "other",
];

/** The dynamic rules for a set of plans: a guard-config header per site, a cookie strip per third party. */
export function rulesFor(plans: readonly BlockPlan[]): DeclarativeNetRequest.Rule[] {
  const rules: DeclarativeNetRequest.Rule[] = [];
  for (const plan of plans) {
    rules.push({
      id: rules.length + 1,
      priority: 1,
      action: {
        type: "modifyHeaders",
        responseHeaders: [
          {
            header: "server-timing",
            operation: "append",
            value: `${GUARD_TIMING_NAME};desc="${encodeGuardConfig(plan.guard)}"`,
          },
        ],
      },
      condition: { requestDomains: plan.properties, resourceTypes: ["main_frame", "sub_frame"] },
    });
    if (plan.strippedHosts.length > 0) {
      rules.push({
        id: rules.length + 1,
        priority: 1,
        action: {
          type: "modifyHeaders",
          requestHeaders: [{ header: "cookie", operation: "remove" }],
          responseHeaders: [{ header: "set-cookie", operation: "remove" }],
        },
        condition: {
          requestDomains: plan.strippedHosts,
          initiatorDomains: plan.properties,
          domainType: "thirdParty",
          resourceTypes: SUBRESOURCES,
        },
      });
    }
  }
  return rules;
}

/** Replaces every dynamic rule with the plans' rules (idempotent). */
export async function applyRules(dnr: DnrApi, plans: readonly BlockPlan[]): Promise<void> {
  const existing = await dnr.getDynamicRules();
  const wanted = rulesFor(plans);
  // Rules persist across restarts: leave identical ones alone rather than churn them at start-up.
  if (sameShape(existing, wanted)) return;
  await dnr.updateDynamicRules({ removeRuleIds: existing.map((r) => r.id), addRules: wanted });
}

/** Whether two values are equal as JSON, with object keys in any order (the browser may reorder them). */
export function sameShape(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export function guardMatches(plans: readonly BlockPlan[]): string[] {
  const hosts = [...new Set(plans.flatMap((p) => p.properties))].sort();
  return hosts.flatMap((h) => [`*://${h}/*`, `*://*.${h}/*`]);
}

/**
 * Registers (or updates, or removes) the MAIN-world guard for the blocked sites. Idempotent across
 * service-worker restarts. Quirk: registrations persist, and registering an existing id again throws
 * "Duplicate script ID", so look first and update.
 */
export async function applyGuard(scripting: ScriptingApi, plans: readonly BlockPlan[]): Promise<void> {
  const matches = guardMatches(plans);
  const existing = await scripting.getRegisteredContentScripts({ ids: [GUARD_SCRIPT_ID] });
  if (matches.length === 0) {
    if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [GUARD_SCRIPT_ID] });
    return;
  }
  const script: Scripting.RegisteredContentScript = {
    id: GUARD_SCRIPT_ID,
    js: ["guard.js"],
    matches,
    allFrames: true,
    // Also frames without a URL of their own (about:blank, srcdoc, javascript:, blob:) that a page of
    // the site creates: script can write storage through them (Chrome ≥ 119, Firefox ≥ 128).
    matchOriginAsFallback: true,
    runAt: "document_start",
    world: "MAIN",
    persistAcrossSessions: true,
  };
  if (existing.length > 0) {
    // Registrations persist across restarts: updating an identical one at start-up can let a
    // navigation that commits meanwhile go unguarded, so only update what changed.
    const [current] = existing;
    const same =
      current &&
      sameShape([...(current.matches ?? [])].sort(), [...matches].sort()) &&
      sameShape(current.js, script.js) &&
      current.allFrames === script.allFrames &&
      (current.matchOriginAsFallback ?? false) === script.matchOriginAsFallback &&
      current.runAt === script.runAt &&
      (current.world ?? "ISOLATED") === script.world;
    if (!same) await scripting.updateContentScripts([script]);
    return;
  }
  try {
    await scripting.registerContentScripts([script]);
  } catch {
    // A concurrent registration won the race: update it instead.
    await scripting.updateContentScripts([script]);
  }
}
