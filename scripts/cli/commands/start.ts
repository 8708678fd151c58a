// `cookie-ledger registry-table`: prints the bundled DingTalk registry as a readable table.
// `cookie-ledger start` (what `npm start` runs) is the demo audit (scripts/audit/demo.ts).
import { CATEGORIES, type Category } from "../../../shared/categories.ts";
import { entryCategory } from "../../../shared/match/compile.ts";
import { describeDuration } from "../../../shared/reconcile/retention.ts";
import dingtalk from "../../../shared/registries/dingtalk.json" with { type: "json" };
import { loadRegistry } from "../../../shared/registry/load.ts";
import type { Registry, RegistryEntry } from "../../../shared/registry/schema.ts";
import { DEMO_USAGE, runDemo } from "../../audit/demo.ts";
import type { Command } from "../command.ts";

export type Lang = "en" | "zh-CN";

/** Code points a terminal draws two columns wide (East Asian Wide and Fullwidth, common emoji). */
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function charWidth(code: number): number {
  if (code < 0x20 || (code >= 0x300 && code <= 0x36f) || code === 0x200b) return 0;
  return WIDE.some(([lo, hi]) => code >= lo && code <= hi) ? 2 : 1;
}

/** Columns the text takes in a terminal: CJK characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** Pads to `width` columns, or cuts with "…" when the text is wider. */
export function fitCell(text: string, width: number): string {
  if (displayWidth(text) <= width) return text + " ".repeat(width - displayWidth(text));
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…${" ".repeat(width - 1 - used)}`;
}

/** "session", "30 days", "1 year"; web storage without a declaration lives until cleared. */
export function humanRetention(entry: RegistryEntry, lang: Lang = "en"): string {
  const zh = lang === "zh-CN";
  const { maxAgeSeconds: age, kind } = entry;
  if (age === null || (age === undefined && kind === "sessionStorage")) return zh ? "会话" : "session";
  if (age === undefined) {
    if (kind === "localStorage" || kind === "indexedDB" || kind === "cacheStorage") {
      return zh ? "直至清除" : "until cleared";
    }
    return zh ? "未声明" : "not declared";
  }
  return zh ? zhDuration(age) : describeDuration(age);
}

const ZH_UNITS: readonly [number, string][] = [
  [31536000, "年"],
  [86400, "天"],
  [3600, "小时"],
  [60, "分钟"],
];

/** Seconds → "1 年", "30 天", "30 分钟" (largest whole unit, else approximate days). */
function zhDuration(seconds: number): string {
  const exact = ZH_UNITS.find(([size]) => seconds >= size && seconds % size === 0);
  if (exact) return `${seconds / exact[0]} ${exact[1]}`;
  const near = ZH_UNITS.find(([size]) => seconds >= size);
  return near ? `约 ${Math.round(seconds / near[0])} ${near[1]}` : `${seconds} 秒`;
}

const HEADINGS: Record<Lang, string[]> = {
  en: ["Name", "Kind", "Purpose", "Policy clause", "Retention", "Source"],
  "zh-CN": ["名称", "类型", "用途", "政策条款", "保存期限", "来源"],
};
const CATEGORY_NAMES: Record<Lang, Record<Category, string>> = {
  en: { necessary: "Necessary", functional: "Functional", analytics: "Analytics", marketing: "Marketing" },
  "zh-CN": { necessary: "必要", functional: "功能", analytics: "分析", marketing: "营销" },
};
/** Purpose column is cut at this width so descriptions do not flood the table. */
const PURPOSE_WIDTH = 44;

function row(registry: Registry, entry: RegistryEntry, lang: Lang): string[] {
  const purpose = entry.purpose === undefined ? undefined : registry.purposes[entry.purpose];
  const what = purpose?.label[lang] ?? entry.description?.[lang] ?? "";
  const clause = purpose?.policyRef ?? (lang === "zh-CN" ? "政策未提及" : "not in policy");
  const name = entry.domain ? `${entry.name} (${entry.domain})` : entry.name;
  const kind = entry.kind === "flash" ? (lang === "zh-CN" ? "flash（遗留）" : "flash (legacy)") : entry.kind;
  return [name, kind, what, clause, humanRetention(entry, lang), entry.source ?? "site"];
}

/** The registry as text: a header, then one table section per category, then a legend. */
export function renderRegistryTable(registry: Registry, lang: Lang = "en"): string {
  const groups = CATEGORIES.map((category) => ({
    category,
    rows: registry.entries
      .filter((entry) => entryCategory(registry, entry) === category)
      .map((entry) => row(registry, entry, lang)),
  }));
  const headings = HEADINGS[lang];
  const widths = headings.map((h, i) =>
    Math.min(
      i === 2 ? PURPOSE_WIDTH : Number.POSITIVE_INFINITY,
      Math.max(displayWidth(h), ...groups.flatMap((g) => g.rows.map((r) => displayWidth(r[i] ?? "")))),
    ),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => fitCell(c, widths[i] ?? 0)).join("  ")}`.trimEnd();
  const out = [
    `${registry.site.name} — ${registry.format} registry, revision ${registry.revision}`,
    `Policy: ${registry.site.policy.url} (updated ${registry.site.policy.updated})`,
    `Properties: ${registry.properties.join(", ")}`,
  ];
  for (const { category, rows } of groups) {
    if (rows.length === 0) continue;
    out.push("", `${CATEGORY_NAMES[lang][category]} (${category}, ${rows.length})`);
    out.push(line(headings), line(widths.map((w) => "-".repeat(w))));
    for (const r of rows) out.push(line(r));
  }
  out.push(
    "",
    `${registry.entries.length} entries. Source: site = declared by the operator; vendor-doc = the vendor's public documentation;`,
    "community = Open Cookie Database; inferred = purpose not published, classified conservatively by Cookie Ledger.",
  );
  return out.join("\n");
}

export const start: Command = {
  name: "start",
  summary: "Run the demo: audit the local property set with the SDK and extension, write the HTML report",
  usage: DEMO_USAGE,
  run: runDemo,
};

export const registryTable: Command = {
  name: "registry-table",
  summary: "Print the bundled DingTalk registry as a table",
  usage: [
    "Usage: cookie-ledger registry-table [--lang en|zh-CN]",
    "",
    "Prints the DingTalk registry that ships with Cookie Ledger (shared/registries/dingtalk.json),",
    "grouped by category: name, kind, purpose, policy clause, retention and classification source.",
    "",
    "Options:",
    "  --lang en|zh-CN   language of purposes and headings (default en)",
  ].join("\n"),
  async run(args, io) {
    let lang: Lang = "en";
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? "";
      const value = arg.startsWith("--lang=") ? arg.slice(7) : arg === "--lang" ? args[++i] : undefined;
      if (value === "en" || value === "zh-CN") lang = value;
      else {
        io.err(
          `cookie-ledger registry-table: unexpected ${value === undefined ? `argument "${arg}"` : `language "${value}"`}`,
        );
        return 2;
      }
    }
    const loaded = loadRegistry(dingtalk);
    if (!loaded.ok) {
      for (const e of loaded.errors) io.err(`dingtalk.json ${e.pointer || "/"}: ${e.message}`);
      return 1;
    }
    io.out(renderRegistryTable(loaded.registry, lang));
    return 0;
  },
};
