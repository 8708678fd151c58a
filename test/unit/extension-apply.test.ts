import { describe, expect, it } from "vitest";
import {
  applyGuard,
  applyRules,
  GUARD_SCRIPT_ID,
  rulesFor,
  sameShape,
} from "../../extension/background/blocking/apply.ts";
import type { BlockPlan } from "../../extension/background/blocking/plan.ts";

const plan = {
  properties: ["dingtalk.com"],
  strippedHosts: ["ads.adnet.test"],
  guard: { rules: [["c", "cna"]] },
} as unknown as BlockPlan;

function fakeDnr(initial: unknown[] = []) {
  let rules = initial;
  const updates: unknown[] = [];
  return {
    updates,
    getDynamicRules: async () => rules,
    updateDynamicRules: async (u: { addRules?: unknown[] }) => {
      updates.push(u);
      rules = u.addRules ?? [];
    },
  };
}

function fakeScripting(initial: Record<string, unknown>[] = []) {
  let scripts = initial;
  const calls: string[] = [];
  return {
    calls,
    getRegisteredContentScripts: async () => scripts,
    registerContentScripts: async (s: Record<string, unknown>[]) => {
      calls.push("register");
      scripts = s;
    },
    updateContentScripts: async (s: Record<string, unknown>[]) => {
      calls.push("update");
      scripts = s;
    },
    unregisterContentScripts: async () => {
      calls.push("unregister");
      scripts = [];
    },
  };
}

describe("blocking rules and guard registration are applied idempotently", () => {
  it("compares JSON shapes whatever the key order", () => {
    expect(sameShape({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameShape({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameShape([1, 2], [2, 1])).toBe(false);
  });

  it("leaves identical dynamic rules alone and replaces different ones", async () => {
    const dnr = fakeDnr();
    await applyRules(dnr as never, [plan]);
    expect(dnr.updates).toHaveLength(1);
    await applyRules(dnr as never, [plan]);
    expect(dnr.updates).toHaveLength(1);
    await applyRules(dnr as never, []);
    expect(dnr.updates).toHaveLength(2);
    expect(rulesFor([plan]).length).toBe(2);
  });

  it("registers once, skips an identical registration, updates a changed one, unregisters when empty", async () => {
    const scripting = fakeScripting();
    await applyGuard(scripting as never, [plan]);
    await applyGuard(scripting as never, [plan]);
    expect(scripting.calls).toEqual(["register"]);
    const other = { ...plan, properties: ["dingding.xin"] } as BlockPlan;
    await applyGuard(scripting as never, [other]);
    expect(scripting.calls).toEqual(["register", "update"]);
    await applyGuard(scripting as never, []);
    expect(scripting.calls).toEqual(["register", "update", "unregister"]);
    expect((await scripting.getRegisteredContentScripts()).map((s) => s.id)).not.toContain(GUARD_SCRIPT_ID);
  });
});
