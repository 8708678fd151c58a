/**
 * dist/sdk/cookie-ledger.js: the drop-in build. First script in <head>; the registry comes from an
 * inline `<script type="application/json" id="cookie-ledger-registry">` placed before it, or from
 * `data-registry="URL"` (fetched synchronously so that no write escapes classification).
 * Optional attributes: `data-policy="block"`, `data-dev`, `data-gpc="analytics,marketing"`.
 */
import { createLedger } from "./ledger.ts";
import type { Extras, OptionalCategory, UndeclaredPolicy } from "./types.ts";

type G = Window & { cookieLedger?: ReturnType<typeof createLedger> };

(() => {
  const w = window as G;
  // Loaded twice: the first instance already intercepts everything.
  if (w.cookieLedger) return;
  try {
    // A frame whose same-origin parent already runs a ledger joins it (one state per page). In the top
    // window `parent` is the window itself, whose ledger is not set yet.
    const p = (w.parent as G).cookieLedger;
    if (p) {
      p.patch(w);
      w.cookieLedger = p;
      return;
    }
  } catch {}
  try {
    const d = document;
    const s = d.currentScript as HTMLScriptElement | null;
    const ds = s?.dataset ?? {};
    let text = d.getElementById("cookie-ledger-registry")?.textContent;
    if (!text && ds.registry) {
      const x = new XMLHttpRequest();
      x.open("GET", ds.registry, false);
      x.send();
      text = x.responseText;
    }
    const url = (file: string) => new URL(file, s?.src || d.baseURI).href;
    w.cookieLedger = createLedger({
      registry: JSON.parse(text!),
      policy: ds.policy as UndeclaredPolicy,
      dev: "dev" in ds,
      gpc: ds.gpc?.split(",").filter(Boolean) as OptionalCategory[] | undefined,
      extras: () => import(/* @vite-ignore */ url("cookie-ledger-extras.js")) as Promise<Extras>,
      workerGuard: url("cookie-ledger-worker.js"),
    });
  } catch (e) {
    console.error("Cookie Ledger did not start:", e);
  }
})();
