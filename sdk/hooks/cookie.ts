/** `document.cookie`: the setter is checked; the getter stays native (what the browser holds). */

import { readAssignment } from "../cookie-string.ts";
import { type Core, type Pending, pass, type Realm } from "../core.ts";
import { accessor } from "./util.ts";

export function hookCookie(w: Realm, c: Core) {
  accessor(w.Document.prototype, "cookie", (d) => ({
    set(this: Document, v: unknown) {
      const s = String(v);
      const a = readAssignment(s, Date.now());
      const p = {
        kind: "cookie" as const,
        name: a.name,
        op: a.del ? "delete" : "set",
        domain: a.domain,
        path: a.path,
        raw: s,
      };
      if (pass(c, p as Pending, d.set, this, [s])) d.set!.call(this, s);
    },
  }));
}
