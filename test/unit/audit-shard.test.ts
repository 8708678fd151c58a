import { describe, expect, it } from "vitest";
import { selectShard, shardOf, stableHash } from "../../scripts/audit/shard.ts";

const urls = Array.from({ length: 200 }, (_, i) => `https://www.example.com/page/${i}`);

describe("audit shard split", () => {
  it("hashes with FNV-1a, the same on every machine", () => {
    expect(stableHash("")).toBe(0x811c9dc5);
    expect(stableHash("a")).toBe(0xe40c292c);
    expect(stableHash("https://www.dingtalk.com/")).toBe(stableHash("https://www.dingtalk.com/"));
  });

  it("puts every URL in exactly one shard and keeps the input order", () => {
    for (const count of [1, 2, 3, 7]) {
      const parts = Array.from({ length: count }, (_, i) => selectShard(urls, { index: i + 1, count }));
      expect(parts.flat().sort()).toEqual([...urls].sort());
      for (const part of parts) expect(part).toEqual(urls.filter((u) => part.includes(u)));
    }
  });

  it("does not depend on the order or the rest of the URL set", () => {
    const reversed = [...urls].reverse();
    const a = selectShard(urls, { index: 2, count: 3 });
    const b = selectShard(reversed, { index: 2, count: 3 });
    expect([...a].sort()).toEqual([...b].sort());
    expect(selectShard(urls.slice(0, 10), { index: 2, count: 3 })).toEqual(
      a.filter((u) => urls.slice(0, 10).includes(u)),
    );
  });

  it("spreads URLs over the shards", () => {
    const sizes = [1, 2, 3, 4].map((index) => urls.filter((u) => shardOf(u, 4) === index).length);
    for (const size of sizes) expect(size).toBeGreaterThan(25);
  });

  it("returns everything without a shard", () => {
    expect(selectShard(urls, undefined)).toEqual(urls);
  });
});
