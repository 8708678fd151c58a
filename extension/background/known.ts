import { openCookieDatabase } from "../../shared/known/index.ts";
import type { KnownLookup } from "./classify.ts";

/** The Open Cookie Database (shared/known): name and domain, as DESIGN.md asks. */
export function loadKnown(): KnownLookup {
  const db = openCookieDatabase();
  return {
    lookup(name, domain) {
      const hit = db.lookup(name, domain);
      if (!hit) return undefined;
      return {
        category: hit.category,
        provider: hit.controller || hit.platform || undefined,
        description: hit.description,
      };
    },
  };
}
