/** Classification of items no registry declares, from the bundled Open Cookie Database (name and domain). */
import { openCookieDatabase } from "../../shared/known/index.ts";
import type { KnownLookup } from "./classify.ts";

export function openCookieDatabaseLookup(): KnownLookup {
  const db = openCookieDatabase();
  return (item) => {
    const hit = db.lookup(item.name, item.domain ?? item.origin);
    if (!hit) return undefined;
    const info: ReturnType<KnownLookup> = { category: hit.category, description: hit.description };
    if (hit.controller || hit.platform) info.provider = hit.controller || hit.platform;
    if (hit.retention) info.retention = hit.retention;
    return info;
  };
}
