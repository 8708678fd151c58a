// Registries bundled with Cookie Ledger (third in the classification precedence, DESIGN.md).
import type { Registry } from "../registry/schema.ts";
import dingtalk from "./dingtalk.json" with { type: "json" };

/**
 * DingTalk's web properties (docs/dingtalk-registry.md). Typed, not re-validated at runtime, so bundles
 * carry no validator: test/unit/dingtalk-registry.test.ts loads it through `loadRegistry` on every run.
 */
export const DINGTALK_REGISTRY: Registry = dingtalk as Registry;

/** Every bundled registry, for lookups by host. */
export const BUNDLED_REGISTRIES: readonly Registry[] = [DINGTALK_REGISTRY];
