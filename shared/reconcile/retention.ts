// `retention-exceeds-declared`: how long an item will really live against what its entry declares.
import type { ObservedItem } from "../model.ts";
import type { RegistryEntry } from "../registry/schema.ts";

/** Expiry may exceed the declaration by this much before it is a finding: covers server/browser clock skew. */
export const RETENTION_TOLERANCE_MS = 5 * 60 * 1000;
/** …or by this fraction of the declared retention, whichever is larger. */
export const RETENTION_TOLERANCE_RATIO = 0.01;

/** Seconds → "30 days", "1 hour", "45 seconds" (largest whole unit). */
export function describeDuration(seconds: number): string {
  const units: [number, string][] = [
    [31536000, "year"],
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0)
      return `${seconds / size} ${unit}${seconds === size ? "" : "s"}`;
  }
  for (const [size, unit] of units) {
    if (seconds >= size) return `about ${Math.round(seconds / size)} ${unit}s`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

/**
 * Why the item outlives its declaration, or `undefined` when it does not (or cannot be told).
 *
 * Only items with a known expiry (`expires` is a number or `null`, i.e. cookies) and entries with a
 * declared `maxAgeSeconds` are judged. The lifetime is the time left at `now` — `expires − now` — so a
 * cookie refreshed on every response (its expiry moving forward) is never mistaken for a long-lived one;
 * callers reconciling a write pass the write time as `now`.
 */
export function retentionExcess(item: ObservedItem, entry: RegistryEntry, now: number): string | undefined {
  const declared = entry.maxAgeSeconds;
  if (declared === undefined || item.expires === undefined) return undefined;
  if (declared === null) {
    return item.expires === null ? undefined : "is persistent but declared as a session item";
  }
  if (item.expires === null) return undefined;
  const lifetime = item.expires - now;
  const tolerance = Math.max(RETENTION_TOLERANCE_MS, declared * 1000 * RETENTION_TOLERANCE_RATIO);
  if (lifetime <= declared * 1000 + tolerance) return undefined;
  return `lives ${describeDuration(Math.round(lifetime / 1000))}, declared ${describeDuration(declared)}`;
}
