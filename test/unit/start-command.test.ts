import { describe, expect, it } from "vitest";
import type { CliIO } from "../../scripts/cli/command.ts";
import {
  displayWidth,
  fitCell,
  humanRetention,
  renderRegistryTable,
  registryTable as start,
} from "../../scripts/cli/commands/start.ts";
import type { Registry } from "../../shared/registry/schema.ts";

const text = (en: string, zh: string) => ({ en, "zh-CN": zh });
const registry: Registry = {
  format: "cookie-ledger/1",
  revision: "r1",
  site: { name: "Demo", policy: { url: "https://example.com/p", updated: "2026-01-01" } },
  properties: ["example.com"],
  purposes: {
    login: {
      category: "necessary",
      label: text("Keep you signed in", "保持登录状态"),
      description: text("d", "描述"),
      policyRef: "Part 3 §III",
    },
  },
  entries: [
    { kind: "cookie", name: "sid", purpose: "login", maxAgeSeconds: null, source: "site" },
    { kind: "localStorage", name: "theme", category: "functional", description: text("Theme", "主题") },
    { kind: "cookie", name: "cna", domain: "mmstat.com", category: "analytics", maxAgeSeconds: 31536000 },
  ],
};

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, cwd: "/" };
  return { out, err, value };
}

describe("start: registry table", () => {
  it("groups rows by category with purpose, clause, retention and source", () => {
    const lines = renderRegistryTable(registry).split("\n");
    expect(lines[0]).toBe("Demo — cookie-ledger/1 registry, revision r1");
    const necessary = lines.indexOf("Necessary (necessary, 1)");
    const functional = lines.indexOf("Functional (functional, 1)");
    const analytics = lines.indexOf("Analytics (analytics, 1)");
    expect(necessary).toBeGreaterThan(0);
    expect(functional).toBeGreaterThan(necessary);
    expect(analytics).toBeGreaterThan(functional);
    expect(lines).not.toContain("Marketing (marketing, 0)");
    const sid = lines.find((l) => l.trimStart().startsWith("sid "));
    expect(sid?.split(/\s{2,}/).map((c) => c.trim())).toEqual([
      "",
      "sid",
      "cookie",
      "Keep you signed in",
      "Part 3 §III",
      "session",
      "site",
    ]);
    const cna = lines.find((l) => l.includes("cna (mmstat.com)"));
    expect(cna).toContain("not in policy");
    expect(cna).toContain("1 year");
    expect(lines.find((l) => l.includes("theme"))).toContain("until cleared");
  });

  it("aligns columns by display width, CJK counting two", () => {
    const lines = renderRegistryTable(registry, "zh-CN").split("\n");
    const rows = lines.filter((l) => /^ {2}(sid|theme|cna) /.test(l));
    expect(rows.length).toBe(3);
    // The retention column starts at the same display column on every row.
    const columnOf = (line: string, cell: string) => displayWidth(line.slice(0, line.indexOf(cell)));
    const starts = [columnOf(rows[0]!, "会话"), columnOf(rows[1]!, "直至清除"), columnOf(rows[2]!, "1 年")];
    expect(new Set(starts).size).toBe(1);
    expect(lines).toContain("必要 (necessary, 1)");
  });

  it("measures and fits text by terminal columns", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("保持登录")).toBe(8);
    expect(fitCell("保持登录", 10)).toBe("保持登录  ");
    expect(fitCell("保持登录状态", 7)).toBe("保持登…");
    expect(displayWidth(fitCell("保持登录状态", 8))).toBe(8);
  });

  it("humanises retention", () => {
    expect(humanRetention({ kind: "cookie", name: "a", maxAgeSeconds: null })).toBe("session");
    expect(humanRetention({ kind: "cookie", name: "a", maxAgeSeconds: 2592000 })).toBe("30 days");
    expect(humanRetention({ kind: "cookie", name: "a", maxAgeSeconds: 31536000 })).toBe("1 year");
    expect(humanRetention({ kind: "cookie", name: "a", maxAgeSeconds: 1800 })).toBe("30 minutes");
    expect(humanRetention({ kind: "cookie", name: "a" })).toBe("not declared");
    expect(humanRetention({ kind: "sessionStorage", name: "a" })).toBe("session");
    expect(humanRetention({ kind: "cookie", name: "a", maxAgeSeconds: 86400 }, "zh-CN")).toBe("1 天");
  });

  it("prints the bundled DingTalk registry and rejects bad options", async () => {
    const ok = io();
    expect(await start.run([], ok.value)).toBe(0);
    const table = ok.out.join("\n");
    for (const name of ["acw_tc", "cookie_ledger_consent", "cna (mmstat.com)", "dingtalk_promo_*"]) {
      expect(table).toContain(name);
    }
    expect(table).toContain("flash (legacy)");
    const zh = io();
    expect(await start.run(["--lang", "zh-CN"], zh.value)).toBe(0);
    expect(zh.out.join("\n")).toContain("保持登录状态");
    const bad = io();
    expect(await start.run(["--lang", "fr"], bad.value)).toBe(2);
    expect(bad.err.join("")).toContain("fr");
  });
});
