/**
 * The safety net: whatever still lands while its category is refused (a realm the SDK could not enter,
 * an HTTP Set-Cookie, a worker without the guard, a write in a race) is removed by a sweep of cookies,
 * web storage, IndexedDB and Cache Storage — on load and consent changes (ledger.ts), on
 * `visibilitychange`, and on a backoff timer while the page lives. Each removal becomes a
 * `present-while-blocked` finding with the realm that saw it. Every sweep also tells the page's workers
 * the current consent (realms/workers.ts).
 */
import type { Finding } from "../shared/model.ts";
import type { Core } from "./core.ts";
import { purge } from "./purge.ts";
import { CHANNEL } from "./realms/workers.ts";
import type { PurgeResult, StorageKind } from "./types.ts";

export function createSafetyNet(
  c: Core,
  doomed: (kind: StorageKind, name: string) => boolean,
  emit: (ev: string, x: unknown) => void,
  consent: () => Record<string, boolean>,
) {
  const { win } = c;
  const findings: Finding[] = [];
  let bc: BroadcastChannel | undefined;
  try {
    bc = new win.BroadcastChannel(CHANNEL);
  } catch {}
  // One sweep at a time: overlapping ones would both see (and report) the same item.
  let last: Promise<unknown> = Promise.resolve();
  /** `found`: removals are findings (false when a consent change revokes what was allowed). */
  const sweep = (found = true): Promise<PurgeResult> => {
    try {
      bc?.postMessage({ a: consent() });
    } catch {}
    const run = last
      .then(() => purge(c, doomed))
      .then((r) => {
        if (found)
          for (const item of r.removed) {
            item.frame = win.location.href;
            const f: Finding = {
              type: "present-while-blocked",
              item,
              message: `${item.kind} "${item.name}" was stored while its category was refused; removed`,
            };
            findings.push(f);
            emit("finding", f);
          }
        emit("sweep", r);
        return r;
      });
    last = run.catch(String);
    return run;
  };
  // Every 2 s, doubling up to a minute.
  let delay = 2000;
  const tick = () => {
    sweep().catch(String);
    delay = Math.min(delay * 2, 60000);
    win.setTimeout(tick, delay);
  };
  win.setTimeout(tick, delay);
  win.document.addEventListener("visibilitychange", () => sweep().catch(String));
  return { sweep, findings };
}
