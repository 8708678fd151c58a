/**
 * Popups: `window.open` returns the new window while it still shows its initial about:blank document,
 * which the opener may script at once (`w.document.write`, `w.localStorage`): patch it before returning.
 * A same-origin page loaded there later runs its own copy of the SDK.
 */
import type { Core, Realm } from "../core.ts";
import { method } from "../hooks/util.ts";

export function hookPopups(w: Realm, c: Core) {
  method(
    w,
    "open",
    (open) =>
      function (this: unknown, ...a: unknown[]) {
        const r = open.apply(this, a);
        if (r) c.patch(r);
        return r;
      },
  );
}
