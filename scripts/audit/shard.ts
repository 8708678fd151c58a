/** Deterministic split of a URL set into shards: a URL belongs to shard 1 + (FNV-1a(url) mod n). */
import type { Shard } from "./types.ts";

/** 32-bit FNV-1a over the UTF-8 bytes: stable across machines, Node versions and runs. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function shardOf(url: string, count: number): number {
  return 1 + (stableHash(url) % count);
}

/** The URLs of one shard, in their original order. Every URL lands in exactly one shard. */
export function selectShard(urls: readonly string[], shard: Shard | undefined): string[] {
  if (!shard || shard.count === 1) return [...urls];
  return urls.filter((url) => shardOf(url, shard.count) === shard.index);
}
