/** Everything that intercepts one realm (a window and its same-origin frames). */
import type { Core, Realm } from "./core.ts";
import { createGate } from "./gate.ts";
import { hookAsyncStores } from "./hooks/async-stores.ts";
import { hookCookie } from "./hooks/cookie.ts";
import { hookFrames } from "./hooks/frames.ts";
import { disguise, unwrapStorage } from "./hooks/prototypes.ts";
import { hookStorage, nativeStorage } from "./hooks/storage.ts";
import { hookPopups } from "./realms/popups.ts";
import { hookWorkers } from "./realms/workers.ts";

export function patchRealm(win: Window, c: Core) {
  const w = win as Realm;
  const ss = nativeStorage(w, "sessionStorage");
  if (ss) c.sess.add(ss);
  hookCookie(w, c);
  hookStorage(w, c);
  unwrapStorage(w, c);
  hookAsyncStores(w, c);
  hookPopups(w, c);
  hookWorkers(w, c.wg, c.ws);
  const scan = hookFrames(w, c);
  const gate = createGate(w.document, c);
  // Parser-inserted frames and gated elements: mutation records are delivered before each parser-run script.
  const both = () => {
    gate();
    scan();
  };
  new w.MutationObserver(both).observe(w.document, { childList: true, subtree: true });
  c.gates.push(both);
  both();
  disguise(w);
}
