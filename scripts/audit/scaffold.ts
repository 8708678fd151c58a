/**
 * A draft registry from an audit report: one entry per distinct observed item, classified from the registry
 * that declared it or the Open Cookie Database, every entry `source: "inferred"`, for a developer to review
 * and `validate`. Items nothing can classify are drafted as `marketing`, so a consent tool refuses them until
 * someone has decided what they are.
 */
import type { Category } from "../../shared/categories.ts";
import { registrableDomain } from "../../shared/match/party.ts";
import type { Purpose, Registry, RegistryEntry } from "../../shared/registry/schema.ts";
import type { AuditItem, AuditReport } from "./types.ts";

const PURPOSE_TEXT: Record<Category, { en: string; zh: string; description: string; descriptionZh: string }> =
  {
    necessary: {
      en: "Strictly necessary",
      zh: "必要",
      description: "Needed for the site to work; stored without consent.",
      descriptionZh: "网站正常运行所必需，无需同意即可存储。",
    },
    functional: {
      en: "Functional",
      zh: "功能",
      description: "Remembers choices and features the visitor asked for.",
      descriptionZh: "记住访问者的选择以及其请求的功能。",
    },
    analytics: {
      en: "Analytics",
      zh: "分析",
      description: "Measures how the site is used.",
      descriptionZh: "统计网站的使用情况。",
    },
    marketing: {
      en: "Marketing",
      zh: "营销",
      description: "Advertising and tracking across sites.",
      descriptionZh: "跨网站的广告与追踪。",
    },
  };

const UNKNOWN_NOTE = {
  en: "Not classified by any registry or the Open Cookie Database: review its category and purpose.",
  "zh-CN": "未被任何登记表或 Open Cookie Database 分类：请审核其类别与用途。",
};

function hostOf(item: AuditItem): string {
  if (item.domain) return item.domain;
  try {
    return new URL(item.origin ?? "").hostname;
  } catch {
    return "";
  }
}

/** Retention rounded up to a whole minute, the longest seen; `null` for session cookies. */
function maxAge(items: AuditItem[]): number | null | undefined {
  if (items[0]?.kind !== "cookie") return undefined;
  const values = items.map((i) => i.retentionSeconds);
  if (values.every((v) => v === null || v === undefined)) return null;
  const longest = Math.max(...values.map((v) => v ?? 0));
  return Math.ceil(longest / 60) * 60;
}

export function scaffoldRegistry(
  report: AuditReport,
  today = new Date().toISOString().slice(0, 10),
): Registry {
  const groups = new Map<string, AuditItem[]>();
  for (const page of report.pages)
    for (const item of page.items) {
      const key = `${item.kind}|${item.name}|${hostOf(item)}`;
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
  const used = new Set<Category>();
  const entries: RegistryEntry[] = [];
  for (const items of groups.values()) {
    const item = items[0]!;
    const known = items.find((i) => i.classification.category)?.classification;
    const category = known?.category ?? "marketing";
    used.add(category);
    const entry: RegistryEntry = {
      kind: item.kind,
      name: item.name,
      domain: hostOf(item),
      purpose: `inferred-${category}`,
      source: "inferred",
    };
    if (known?.provider) entry.provider = { name: known.provider };
    const age = maxAge(items);
    if (age !== undefined) entry.maxAgeSeconds = age;
    if (item.kind === "cookie" && item.partitionKey) entry.partitioned = true;
    if (!known) entry.description = UNKNOWN_NOTE;
    entries.push(entry);
  }
  entries.sort((a, b) => `${a.kind}|${a.name}|${a.domain}`.localeCompare(`${b.kind}|${b.name}|${b.domain}`));
  const purposes: Record<string, Purpose> = {};
  for (const category of [...used].sort()) {
    const t = PURPOSE_TEXT[category];
    purposes[`inferred-${category}`] = {
      category,
      label: { en: t.en, "zh-CN": t.zh },
      description: { en: t.description, "zh-CN": t.descriptionZh },
      policyRef: "TODO: the policy clause that covers this purpose",
    };
  }
  const hosts = report.urls.map((u) => new URL(u).hostname);
  const properties = [...new Set(hosts.map((h) => registrableDomain(h) ?? h))].sort();
  const site = report.registry.name ?? properties[0] ?? "site";
  return {
    format: "cookie-ledger/1",
    revision: `draft-${today}`,
    site: { name: site, policy: { url: `https://${hosts[0] ?? "example.com"}/privacy`, updated: today } },
    properties: properties.length ? properties : ["example.com"],
    purposes,
    entries,
  };
}
