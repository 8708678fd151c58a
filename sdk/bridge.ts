/**
 * Page side of the bridge (shared/protocol/bridge.ts, docs/protocol.md "Page bridge"). Only messages
 * posted on this very window (the content script shares it) and valid for this direction are handled;
 * requests are applied as if the person had chosen them. Loaded lazily (extras); the core announces
 * `ready` and queues the first requests.
 */
import { bridgeMessage, type FromPageMessage, isToPageMessage } from "../shared/protocol/bridge.ts";
import type { Ledger, PurgeResult } from "./types.ts";

type Body = FromPageMessage extends infer M
  ? M extends FromPageMessage
    ? Omit<M, "source" | "v">
    : never
  : never;

/** Starts answering; `backlog` holds the messages that arrived while this file was loading. */
export function startBridge(win: Window, L: Ledger, backlog: unknown[]) {
  // The target is this same window, so "*" discloses nothing to anyone else.
  const post = (m: Body) => win.postMessage(bridgeMessage(m), "*");
  let subscribed = false;
  let timer = 0;
  const send = (id?: string) => L.inventory().then((inventory) => post({ type: "inventory", id, inventory }));
  const push = () => {
    if (subscribed && !timer)
      timer = win.setTimeout(() => {
        timer = 0;
        send().catch(() => {});
      }, 250);
  };
  const result = (id: string, p: Promise<unknown>) =>
    p.then(
      (r) => post({ type: "result", id, ok: true, unreachable: (r as PurgeResult).unreachable }),
      (e) => post({ type: "result", id, ok: false, error: String(e) }),
    );
  const handle = (m: unknown) => {
    if (!isToPageMessage(m)) return;
    const id = m.id;
    if (m.type === "hello") post({ type: "ready", id, sdk: L.version, revision: L.registry.revision });
    else if (m.type === "consent.set") result(id, L.consent.set(m.categories, "extension"));
    else if (m.type === "clear") result(id, L.clear(m.category));
    else {
      subscribed ||= m.type === "subscribe";
      send(id).catch((e) => post({ type: "result", id, ok: false, error: String(e) }));
    }
  };
  win.addEventListener("message", (e) => {
    if (e.source === win) handle(e.data);
  });
  L.on("write", push);
  L.on("consent", (c) => {
    const { record: _, gpc: __, ...consent } = c.consent;
    post({ type: "consent", consent, from: c.from });
    push();
  });
  backlog.forEach(handle);
}
