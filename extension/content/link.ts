import type { OptionalCategory } from "../../shared/categories.ts";
import type { BridgeInventory } from "../../shared/protocol/bridge.ts";

/**
 * Messages from the service worker to the content script of a tab's top frame (extension-internal:
 * `runtime.onMessage` in a content script only hears the extension itself).
 */
export type LinkRequest =
  | { link: "sdk-inventory" }
  | { link: "sdk-clear"; category: OptionalCategory; withdraw: boolean };

export type LinkReply =
  | { sdk: false }
  | { sdk: true; version: string; revision: string; inventory?: BridgeInventory; ok?: boolean };

const OPTIONAL: readonly string[] = ["functional", "analytics", "marketing"];

export function isLinkRequest(x: unknown): x is LinkRequest {
  if (typeof x !== "object" || x === null) return false;
  const m = x as Record<string, unknown>;
  if (m.link === "sdk-inventory") return true;
  return (
    m.link === "sdk-clear" &&
    typeof m.category === "string" &&
    OPTIONAL.includes(m.category) &&
    typeof m.withdraw === "boolean"
  );
}
