/**
 * The consent record cookie value (pure): `1.<URI-encoded JSON>.<checksum>`. The checksum catches
 * truncation and hand edits; it is not a signature (any script on the page may call `consent.set`).
 * Anything that does not decode exactly counts as "no decision".
 */
import type { ConsentSource, OptionalCategory } from "../shared/protocol/bridge.ts";
import type { ConsentRecord } from "./types.ts";

export const OPTIONAL: OptionalCategory[] = ["functional", "analytics", "marketing"];
const SOURCES: ConsentSource[] = ["api", "banner", "extension", "gpc"];

/** 32-bit FNV-1a, base 36. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x1000193);
  return (h >>> 0).toString(36);
}

export function encodeRecord(r: ConsentRecord): string {
  const bits = OPTIONAL.reduce((b, c, i) => b | (r.categories[c] ? 1 << i : 0), 0);
  const body = encodeURIComponent(JSON.stringify([bits, r.revision, r.at, r.source, r.id]));
  return `1.${body}.${checksum(body)}`;
}

/** The record, or `undefined` when the value is missing, malformed or altered. */
export function decodeRecord(value: string | undefined): ConsentRecord | undefined {
  try {
    // The body may itself contain dots (revisions like `2026-11-25.1`): the checksum follows the last one.
    const cut = value!.lastIndexOf(".");
    const body = value!.slice(2, cut);
    const a = JSON.parse(decodeURIComponent(body));
    const [bits, revision, at, source, id] = a;
    if (
      value!.startsWith("1.") &&
      checksum(body) === value!.slice(cut + 1) &&
      a.length === 5 &&
      bits === (bits & 7) &&
      typeof revision === "string" &&
      at === +at &&
      at > 0 &&
      SOURCES.includes(source) &&
      typeof id === "string"
    ) {
      const categories = Object.fromEntries(OPTIONAL.map((c, i) => [c, !!(bits & (1 << i))]));
      return { categories: categories as ConsentRecord["categories"], revision, at, source, id };
    }
  } catch {}
}

/** A random id for a decision (two random 32-bit numbers). */
export function randomId(): string {
  return crypto.getRandomValues(new Uint32Array(2)).join("-");
}
