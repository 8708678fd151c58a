import { readFileSync } from "node:fs";
import type { Registry } from "../../shared/registry/schema.ts";

/**
 * The registry served at `/.well-known/cookie-ledger.json`: the DingTalk registry with the demo's own
 * additions (bundled analytics SDKs, ad network, CDN) appended. A plain concatenation; precedence and
 * conflict rules live in shared/registry/merge.ts.
 */
export function servedRegistry(registryPath: string, extraPath: string): Registry {
  const base = JSON.parse(readFileSync(registryPath, "utf8")) as Registry;
  const extra = JSON.parse(readFileSync(extraPath, "utf8")) as Registry;
  return {
    format: base.format,
    revision: `${base.revision}+${extra.revision}`,
    site: base.site,
    properties: [...new Set([...base.properties, ...extra.properties])],
    purposes: { ...base.purposes, ...extra.purposes },
    entries: [...base.entries, ...extra.entries],
  };
}
