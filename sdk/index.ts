/** ESM entry: `import { createLedger } from "cookie-ledger"`. The lazy part is bundled in. */
import { createLedger as create } from "./ledger.ts";
import type { Extras, Ledger, LedgerOptions } from "./types.ts";

export { CONSENT_COOKIE, VERSION } from "./ledger.ts";
export type * from "./types.ts";

export function createLedger(options: LedgerOptions): Ledger {
  return create({ extras: () => import("./extras.ts") as Promise<Extras>, ...options });
}
