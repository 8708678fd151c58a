/** Everything that intercepts one realm (a window and its same-origin frames). */
import type { Core, Realm } from "./core.ts";
import { createGate } from "./gate.ts";
import { hookAsyncStores } from "./hooks/async-stores.ts";
import { hookCookie } from "./hooks/cookie.ts";
import { hookFrames } from "./hooks/frames.ts";
import { disguise, unwrapStorage } from "./hooks/prototypes.ts";
import { hookStorage, nativeStorage } from "./hooks/storage.ts";
import { method } from "./hooks/util.ts";
import { hookWorkers } from "./realms/workers.ts";

export function patchRealm(win: Window, c: Core) {
  const w = win as Realm;
  const ss = nativeStorage(w, "sessionStorage");
  if (ss) c.sess.add(ss);
  hookCookie(w, c);
  hookStorage(w, c);
  unwrapStorage(w, c);
  hookAsyncStores(w, c);
  // Popups: `window.open` returns the new window while it still shows its initial about:blank document, which
  // the opener may script at once (`document.write`, `localStorage`): patch it before returning. A
  // same-origin page loaded there later runs its own copy of the SDK.
  method(
    w,
    "open",
    c.own,
    (open) =>
      ({
        m(this: unknown, ...a: unknown[]) {
          const r = open.apply(this, a);
          if (r) c.patch(r);
          return r;
        },
      }).m,
  );
  hookWorkers(w, c.wg, c.ws, c.own);
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
  disguise(w, c.own);
}
