/** `document.cookie`: the setter is checked; the getter stays native (what the browser holds). */

import { readAssignment } from "../cookie-string.ts";
import { type Core, pass, type Realm } from "../core.ts";
import { accessor } from "./util.ts";

export function hookCookie(w: Realm, c: Core) {
  accessor(w.Document.prototype, "cookie", c.own, (d) => ({
    set(this: Document, v: unknown) {
      const raw = String(v);
      const a = readAssignment(raw, Date.now());
      const op = a.del ? "delete" : "set";
      if (
        pass(c, { kind: "cookie", name: a.name, op, domain: a.domain, path: a.path, raw }, d.set, this, [raw])
      )
        d.set!.call(this, raw);
    },
  }));
}
