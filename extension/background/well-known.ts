import * as v from "valibot";
import { type Registry, RegistrySchema } from "../../shared/registry/schema.ts";

/** Largest `/.well-known/cookie-ledger.json` the extension reads. */
export const WELL_KNOWN_MAX_BYTES = 256 * 1024;
const TTL_MS = 60 * 60 * 1000;

interface CacheEntry {
  at: number;
  registry: Registry | null;
}

export interface WellKnownCache {
  get(origin: string, now?: number): Promise<Registry | undefined>;
}

/** Reads a response body up to `max` bytes; `undefined` when it is larger. */
async function readBounded(response: Response, max: number): Promise<string | undefined> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > max) return undefined;
  if (!response.body) return undefined;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** Fetches and validates a site's registry from the tab's own origin (no redirects, no credentials). */
export async function fetchWellKnown(
  origin: string,
  fetcher: typeof fetch = fetch,
): Promise<Registry | null> {
  if (!/^https?:\/\/[^/]+$/.test(origin)) return null;
  try {
    const response = await fetcher(`${origin}/.well-known/cookie-ledger.json`, {
      credentials: "omit",
      redirect: "error",
      cache: "no-cache",
    });
    if (!response.ok) return null;
    const text = await readBounded(response, WELL_KNOWN_MAX_BYTES);
    if (text === undefined) return null;
    const parsed = v.safeParse(RegistrySchema, JSON.parse(text));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** A per-origin cache (memory, one hour) in front of `fetchWellKnown`; misses are cached too. */
export function createWellKnownCache(fetcher: typeof fetch = fetch): WellKnownCache {
  const entries = new Map<string, CacheEntry>();
  const inflight = new Map<string, Promise<Registry | null>>();
  return {
    async get(origin, now = Date.now()) {
      const hit = entries.get(origin);
      if (hit && now - hit.at < TTL_MS) return hit.registry ?? undefined;
      let pending = inflight.get(origin);
      if (!pending) {
        pending = fetchWellKnown(origin, fetcher);
        inflight.set(origin, pending);
      }
      const registry = await pending;
      inflight.delete(origin);
      entries.set(origin, { at: now, registry });
      if (entries.size > 200) entries.delete(entries.keys().next().value as string);
      return registry ?? undefined;
    },
  };
}
