import * as v from "valibot";
import type { OptionalCategory } from "../../shared/categories.ts";
import type { BridgeInventory } from "../../shared/protocol/bridge.ts";
import { type Registry, RegistrySchema } from "../../shared/registry/schema.ts";
import type { LinkReply, LinkRequest } from "../content/link.ts";

export type SendToTab = (
  tabId: number,
  message: LinkRequest,
  options: { frameId: number },
) => Promise<unknown>;

export interface SdkView {
  version: string;
  revision: string;
  /** The page's registry, when it passed full validation. */
  registry?: Registry;
  observed: BridgeInventory["observed"];
  consent?: BridgeInventory["consent"];
}

function isReply(x: unknown): x is LinkReply {
  return typeof x === "object" && x !== null && typeof (x as { sdk?: unknown }).sdk === "boolean";
}

/** Asks the page's SDK (through the content script of the top frame) for its inventory. */
export async function readSdk(send: SendToTab, tabId: number): Promise<SdkView | undefined> {
  const reply = await send(tabId, { link: "sdk-inventory" }, { frameId: 0 }).catch(() => undefined);
  if (!isReply(reply) || !reply.sdk) return undefined;
  // The page's registry is a claim: validate it fully before it classifies anything.
  const parsed = reply.inventory ? v.safeParse(RegistrySchema, reply.inventory.registry) : undefined;
  return {
    version: String(reply.version).slice(0, 64),
    revision: String(reply.revision).slice(0, 256),
    registry: parsed?.success ? parsed.output : undefined,
    observed: reply.inventory?.observed ?? [],
    consent: reply.inventory?.consent,
  };
}

/** Tells the page's SDK to withdraw consent for a category and clear it; `true` when it confirmed. */
export async function clearThroughSdk(send: SendToTab, tabId: number, category: OptionalCategory) {
  const reply = await send(tabId, { link: "sdk-clear", category, withdraw: true }, { frameId: 0 }).catch(
    () => undefined,
  );
  return isReply(reply) && reply.sdk && reply.ok === true;
}
