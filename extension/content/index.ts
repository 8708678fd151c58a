/**
 * Content script (top frame, ISOLATED world): the extension's end of the page bridge
 * (shared/protocol/bridge.ts). It only answers the service worker; nothing a page posts is relayed
 * to the service worker except answers to requests this script made, validated.
 */
import browser from "webextension-polyfill";
import {
  bridgeMessage,
  type FromPageMessage,
  isFromPageMessage,
  type ToPageMessage,
} from "../../shared/protocol/bridge.ts";
import { isLinkRequest, type LinkReply, type LinkRequest } from "./link.ts";

const SDK_TIMEOUT_MS = 400;

/** A request without its envelope and id (distributes over the union). */
type RequestBody = ToPageMessage extends infer M
  ? M extends ToPageMessage
    ? Omit<M, "source" | "v" | "id">
    : never
  : never;

interface Waiter {
  id: string;
  accept: (m: FromPageMessage) => boolean;
  resolve: (m: FromPageMessage | undefined) => void;
}

function createBridge() {
  const waiters = new Set<Waiter>();
  let counter = 0;
  /** The SDK announces itself with `ready` at start-up; this script runs before it (document_start). */
  let announced = false;
  window.addEventListener("message", (event) => {
    if (event.source !== window || !isFromPageMessage(event.data)) return;
    const message = event.data;
    if (message.type === "ready") announced = true;
    for (const w of waiters) {
      if (w.accept(message)) {
        waiters.delete(w);
        w.resolve(message);
      }
    }
  });
  /** Posts a request and waits for the SDK's answer carrying the same id (or gives up). */
  function ask(body: RequestBody): Promise<FromPageMessage | undefined> {
    counter += 1;
    const id = `cl-ext-${counter}-${Math.random().toString(36).slice(2, 10)}`;
    return new Promise((resolve) => {
      const waiter: Waiter = { id, accept: (m) => "id" in m && m.id === id, resolve };
      waiters.add(waiter);
      // A loaded page that never announced an SDK gets a short wait; an SDK that did, a long one.
      const wait = announced ? 4 * SDK_TIMEOUT_MS : document.readyState === "complete" ? 150 : SDK_TIMEOUT_MS;
      setTimeout(() => {
        if (waiters.delete(waiter)) resolve(undefined);
      }, wait);
      window.postMessage(bridgeMessage({ ...body, id } as ToPageMessage), window.location.origin);
    });
  }
  return { ask };
}

async function handle(bridge: ReturnType<typeof createBridge>, request: LinkRequest): Promise<LinkReply> {
  const ready = await bridge.ask({ type: "hello" });
  if (ready?.type !== "ready") return { sdk: false };
  const base = { sdk: true as const, version: ready.sdk, revision: ready.revision };
  if (request.link === "sdk-inventory") {
    const answer = await bridge.ask({ type: "inventory.get" });
    return { ...base, inventory: answer?.type === "inventory" ? answer.inventory : undefined };
  }
  if (request.withdraw) {
    const consent = await bridge.ask({ type: "consent.set", categories: { [request.category]: false } });
    if (consent?.type !== "result" || !consent.ok) return { ...base, ok: false };
  }
  const cleared = await bridge.ask({ type: "clear", category: request.category });
  return { ...base, ok: cleared?.type === "result" && cleared.ok };
}

if (window.top === window) {
  const bridge = createBridge();
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isLinkRequest(message)) return undefined;
    return handle(bridge, message);
  });
}
