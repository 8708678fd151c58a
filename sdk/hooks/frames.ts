/**
 * Same-origin frames are patched the moment script can reach them: through `contentWindow`/
 * `contentDocument`, and after every DOM insertion (an about:blank frame is scriptable, via
 * `frames[i]`, as soon as it is connected). Cross-origin frames make `patch` throw inside; it is caught.
 */
import type { Core, Realm } from "../core.ts";
import { accessor, method } from "./util.ts";

export function hookFrames(w: Realm, c: Core) {
  const scan = () => {
    for (let i = 0; i < w.frames.length; i++) c.patch(w.frames[i]!);
  };
  for (const P of [w.HTMLIFrameElement, w.HTMLFrameElement, w.HTMLObjectElement])
    for (const k of ["contentWindow", "contentDocument"])
      accessor(P?.prototype, k, c.own, (d) => ({
        get(this: Element) {
          const r = d.get!.call(this);
          if (r) c.patch(r.defaultView ?? r);
          return r;
        },
      }));
  for (const [o, keys] of [
    [w.Node, "appendChild insertBefore replaceChild"],
    [w.Element, "append prepend after before replaceWith insertAdjacentElement insertAdjacentHTML"],
    [w.Document, "write writeln"],
  ] as const)
    for (const k of keys.split(" "))
      method(
        o.prototype,
        k,
        c.own,
        (f) =>
          ({
            m(this: unknown, ...a: unknown[]) {
              const r = f.apply(this, a);
              scan();
              return r;
            },
          }).m,
      );
  for (const k of ["innerHTML", "outerHTML"])
    accessor(w.Element.prototype, k, c.own, (d) => ({
      set(this: Element, v: unknown) {
        d.set!.call(this, v);
        scan();
      },
    }));
  return scan;
}
