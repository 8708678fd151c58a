/**
 * Dedicated and shared workers run the guard (dist/sdk/cookie-ledger-worker.js) before their own code:
 * the constructor gets a blob: wrapper that sets the guard's settings, loads the guard, then the original
 * script (`importScripts` for classic workers, `import()` for module workers). Consent changes reach
 * running workers over the `cookie-ledger` BroadcastChannel. Used in the page and inside workers (nested ones).
 */
import type { Registry } from "../types.ts";

/** What a worker's guard needs: declarations of the stores a worker has, granted categories, policy, host. */
export interface WorkerSettings {
  r: Pick<Registry, "properties" | "purposes" | "entries">;
  a: Record<string, boolean>;
  b?: boolean;
  h: string;
  /** The guard's own URL (for nested workers). */
  u: string;
}

export const CHANNEL = "cookie-ledger";

type Scope = typeof globalThis & { Worker?: typeof Worker; SharedWorker?: typeof SharedWorker };

export function hookWorkers(
  g: Scope,
  guard: string | undefined,
  settings: () => Omit<WorkerSettings, "u">,
  own: WeakSet<object>,
) {
  if (!guard) return;
  // One wrapper per script, type and settings in this realm, so that same-URL shared workers are still shared.
  const made = new Map<string, string>();
  const wrap = (src: unknown, o: unknown) => {
    const u = new g.URL(String(src), (g as { document?: Document }).document?.baseURI ?? g.location.href);
    // Other origins (the constructor throws) and data: URLs (opaque origin, no storage) stay as they are.
    if (u.origin !== g.location.origin) return src;
    const url = u.href;
    const mod = (o as WorkerOptions | undefined)?.type === "module";
    const s = `self.__cookieLedger=${JSON.stringify({ ...settings(), u: guard })};`;
    // Keyed by the settings too: a worker started after a consent change gets the new consent.
    const key = `${mod} ${url} ${s}`;
    let w = made.get(key);
    if (!w) {
      const blob = (code: string) => g.URL.createObjectURL(new g.Blob([code], { type: "text/javascript" }));
      const q = JSON.stringify;
      // Static imports run in order before the worker takes messages (a top-level await would let early
      // messages reach a worker without its handlers). Relative URLs inside an original classic script
      // resolve against the blob: URL (docs/sdk.md). A classic worker whose guard cannot load still starts.
      w = blob(
        mod
          ? `import ${q(blob(s))};import ${q(guard)};import ${q(url)};`
          : `${s}try{importScripts(${q(guard)})}catch(e){}importScripts(${q(url)});`,
      );
      made.set(key, w);
    }
    return w;
  };
  for (const k of ["Worker", "SharedWorker"] as const) {
    const W = g[k];
    if (!W) continue;
    const P = new Proxy(W, {
      construct(t, a, nt) {
        try {
          a[0] = wrap(a[0], a[1]);
        } catch {}
        return Reflect.construct(t, a, nt);
      },
    });
    own.add(P);
    g[k] = P as never;
  }
}
