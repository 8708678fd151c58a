/**
 * The consent record cookie value (pure): `<flags>:<at>:<source>:<id>:<revision>:<checksum>`, the strings
 * `escape`d (so no field holds a `:` and the value is cookie-safe). `flags` are one `0`/`1` per optional
 * category in `OPTIONAL` order (functional, analytics, marketing), `at` epoch ms (an integer). The
 * checksum (over everything before the last `:`) catches truncation and hand edits; it is not a signature
 * (any script on the page may call `consent.set`). Anything that does not decode exactly counts as
 * "no decision".
 */
import type { OptionalCategory } from "../shared/protocol/bridge.ts";
import type { ConsentRecord } from "./types.ts";

export const OPTIONAL: OptionalCategory[] = ["functional", "analytics", "marketing"];

/** 32-bit FNV-1a, base 36. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x1000193);
  return (h >>> 0).toString(36);
}

export function encodeRecord(r: ConsentRecord): string {
  const body = [
    OPTIONAL.map((c) => +!!r.categories[c]).join(""),
    r.at,
    r.source,
    escape(r.id),
    escape(r.revision),
  ].join(":");
  return `${body}:${checksum(body)}`;
}

/** The record, or `undefined` when the value is missing, malformed or altered. */
export function decodeRecord(value: string | undefined): ConsentRecord | undefined {
  const m = /^(([01]{3}):([1-9]\d*):(api|banner|extension|gpc):([^:]*):([^:]*)):(.*)$/.exec(value!);
  if (m && checksum(m[1]!) === m[7])
    return {
      categories: Object.fromEntries(
        OPTIONAL.map((c, i) => [c, m[2]![i] === "1"]),
      ) as ConsentRecord["categories"],
      revision: unescape(m[6]!),
      at: +m[3]!,
      source: m[4] as ConsentRecord["source"],
      id: unescape(m[5]!),
    };
}

/** A random id for a decision (two random 32-bit numbers). */
export function randomId(): string {
  return crypto.getRandomValues(new Uint32Array(2)).join("-");
}
