import { describe, expect, it } from "vitest";
import {
  BRIDGE_SOURCE,
  BRIDGE_VERSION,
  bridgeMessage,
  isFromPageMessage,
  isToPageMessage,
} from "../../shared/protocol/bridge.ts";

const consent = { decided: true, categories: { functional: true, analytics: false, marketing: false } };
const registry = { format: "cookie-ledger/1", revision: "r1", properties: ["a.test"], entries: [] };

describe("bridge protocol: to page", () => {
  it("accepts each well-formed request", () => {
    for (const m of [
      { type: "hello", id: "1" },
      { type: "inventory.get", id: "2" },
      { type: "subscribe", id: "3" },
      { type: "consent.set", id: "4", categories: { analytics: true } },
      { type: "clear", id: "5", category: "marketing" },
    ])
      expect(isToPageMessage(bridgeMessage(m)), m.type).toBe(true);
  });
  it("rejects a wrong envelope, version, id or payload", () => {
    expect(isToPageMessage({ source: "other", v: 1, type: "hello", id: "1" })).toBe(false);
    expect(isToPageMessage({ source: BRIDGE_SOURCE, v: 2, type: "hello", id: "1" })).toBe(false);
    expect(isToPageMessage(bridgeMessage({ type: "hello", id: "" }))).toBe(false);
    expect(isToPageMessage(bridgeMessage({ type: "hello", id: "x".repeat(65) }))).toBe(false);
    expect(isToPageMessage(bridgeMessage({ type: "clear", id: "1", category: "necessary" }))).toBe(false);
    expect(
      isToPageMessage(bridgeMessage({ type: "consent.set", id: "1", categories: { necessary: false } })),
    ).toBe(false);
    expect(
      isToPageMessage(bridgeMessage({ type: "consent.set", id: "1", categories: { analytics: 1 } })),
    ).toBe(false);
    expect(isToPageMessage(bridgeMessage({ type: "inventory", id: "1" }))).toBe(false);
    expect(isToPageMessage(null)).toBe(false);
  });
});

describe("bridge protocol: from page", () => {
  it("accepts ready, inventory, consent and result", () => {
    const inventory = {
      registry,
      observed: [{ kind: "cookie", name: "_ga", domain: "a.test", path: "/", expires: null }],
      findings: [{ type: "undeclared", message: "m", item: { kind: "localStorage", name: "k" } }],
      consent,
    };
    expect(isFromPageMessage(bridgeMessage({ type: "ready", sdk: "0.1.0", revision: "r1" }))).toBe(true);
    expect(isFromPageMessage(bridgeMessage({ type: "inventory", id: "1", inventory }))).toBe(true);
    expect(isFromPageMessage(bridgeMessage({ type: "consent", consent, from: "api" }))).toBe(true);
    expect(isFromPageMessage(bridgeMessage({ type: "result", id: "1", ok: true }))).toBe(true);
  });
  it("rejects malformed payloads and requests echoed back", () => {
    const bad = { ...consent, categories: { analytics: "yes" } };
    expect(isFromPageMessage(bridgeMessage({ type: "consent", consent: bad, from: "api" }))).toBe(false);
    expect(isFromPageMessage(bridgeMessage({ type: "consent", consent, from: "evil" }))).toBe(false);
    const inv = { registry, observed: [{ kind: "flashy", name: "x" }], findings: [], consent };
    expect(isFromPageMessage(bridgeMessage({ type: "inventory", inventory: inv }))).toBe(false);
    expect(isFromPageMessage(bridgeMessage({ type: "hello", id: "1" }))).toBe(false);
    expect(isFromPageMessage({ source: BRIDGE_SOURCE, v: BRIDGE_VERSION + 1, type: "ready" })).toBe(false);
  });
});
