import { describe, expect, it } from "vitest";
import { crawl, isPageUrl, parseSitemap, sameSiteAs } from "../../scripts/audit/crawl.ts";

const site = "https://www.example.com";
/** A small site: each page links to the pages listed. */
const graph: Record<string, string[]> = {
  [`${site}/`]: [`${site}/a`, `${site}/b`, "https://other.example.org/x", `${site}/file.pdf`],
  [`${site}/a`]: [`${site}/a1`, `${site}/`, "https://shop.example.com/"],
  [`${site}/b`]: [`${site}/b1`],
  [`${site}/a1`]: [`${site}/deep`],
  [`${site}/b1`]: [],
  "https://shop.example.com/": [],
};

function fakeVisits() {
  const visited: string[][] = [];
  const visitLevel = async (urls: string[], follow: boolean) => {
    visited.push([...urls]);
    return urls.map((u) => (follow ? (graph[u] ?? []) : []));
  };
  return { visited, visitLevel };
}

describe("audit crawl", () => {
  it("follows same-site page links breadth-first up to the depth", async () => {
    const { visited, visitLevel } = fakeVisits();
    const urls = await crawl([`${site}/`], { pages: 20, depth: 2 }, [], visitLevel);
    expect(urls).toEqual([
      `${site}/`,
      `${site}/a`,
      `${site}/b`,
      `${site}/a1`,
      "https://shop.example.com/",
      `${site}/b1`,
    ]);
    // Every URL of the set is visited once, level by level; the last level only to be audited.
    expect(visited).toEqual([
      [`${site}/`],
      [`${site}/a`, `${site}/b`],
      [`${site}/a1`, "https://shop.example.com/", `${site}/b1`],
    ]);
  });

  it("stops at the page cap, keeping discovery order", async () => {
    const { visitLevel } = fakeVisits();
    expect(await crawl([`${site}/`], { pages: 3, depth: 5 }, [], visitLevel)).toEqual([
      `${site}/`,
      `${site}/a`,
      `${site}/b`,
    ]);
    expect(await crawl([`${site}/`], { pages: 9, depth: 0 }, [], fakeVisits().visitLevel)).toEqual([
      `${site}/`,
    ]);
  });

  it("adds in-scope sitemap entries to the start level", async () => {
    const { visitLevel } = fakeVisits();
    const extra = [`${site}/b1`, "https://elsewhere.example.net/", `${site}/img.png`];
    expect(await crawl([`${site}/`], { pages: 20, depth: 0 }, extra, visitLevel)).toEqual([
      `${site}/`,
      `${site}/b1`,
    ]);
  });

  it("reads sitemaps and tells pages from files", () => {
    const xml = `<?xml version="1.0"?><urlset><url><loc> https://www.example.com/?a=1&amp;b=2 </loc></url>
      <url><loc>https://www.example.com/about</loc></url></urlset>`;
    expect(parseSitemap(xml)).toEqual(["https://www.example.com/?a=1&b=2", "https://www.example.com/about"]);
    expect(isPageUrl("https://x.example/a/b")).toBe(true);
    expect(isPageUrl("https://x.example/logo.SVG")).toBe(false);
    const inScope = sameSiteAs([`${site}/`]);
    expect(inScope("https://im.example.com/")).toBe(true);
    expect(inScope("https://example.org/")).toBe(false);
    expect(inScope("mailto:a@example.com")).toBe(false);
  });
});
