import type { KnownLookup } from "./classify.ts";

/** The Open Cookie Database lookup (shared/known), or none when it is not bundled. */
export function loadKnown(): KnownLookup | undefined {
  return undefined;
}
