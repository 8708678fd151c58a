/** The consent UI's own texts in English and Simplified Chinese; the registry brings its own en/zh-CN texts. */
import type { Category } from "../types.ts";

export type Lang = "en" | "zh-CN";

export interface Strings {
  title: string;
  intro: string;
  accept: string;
  reject: string;
  settings: string;
  prefs: string;
  save: string;
  close: string;
  withdraw: string;
  reopen: string;
  always: string;
  /** The other language's name, in that language (the switch button). */
  other: string;
  session: string;
  /** Summary of a category's declaration table. */
  list: string;
  /** Declaration table: name, kind, purpose, policy clause, provider, retention. */
  cols: string[];
  cats: Record<Category, [label: string, description: string]>;
}

export const STRINGS: Record<Lang, Strings> = {
  en: {
    title: "Cookies and similar storage",
    intro:
      "Necessary storage keeps this site working. Other cookies and storage need your consent; you can change your choice at any time.",
    accept: "Accept all",
    reject: "Reject all",
    settings: "Settings",
    prefs: "Storage preferences",
    save: "Save choices",
    close: "Close",
    withdraw: "Withdraw consent",
    reopen: "Cookie settings",
    always: "Always on",
    other: "中文",
    session: "Session",
    list: "Declared storage",
    cols: ["Name", "Kind", "Purpose", "Policy", "Provider", "Retention"],
    cats: {
      necessary: ["Necessary", "Needed for the site to work, including security. Always on."],
      functional: ["Functional", "Remembers your preferences and the features you ask for."],
      analytics: ["Analytics", "Counts visits and measures how the site is used."],
      marketing: ["Marketing", "Personalises advertising and recognises your browser across sites."],
    },
  },
  "zh-CN": {
    title: "Cookie 及类似存储",
    intro: "必要的存储用于维持本网站运行。其他 Cookie 及存储需要您的同意；您可以随时更改选择。",
    accept: "全部接受",
    reject: "全部拒绝",
    settings: "设置",
    prefs: "存储偏好设置",
    save: "保存选择",
    close: "关闭",
    withdraw: "撤回同意",
    reopen: "Cookie 设置",
    always: "始终开启",
    other: "English",
    session: "会话期间",
    list: "已声明的存储",
    cols: ["名称", "类型", "用途", "政策条款", "提供方", "保留期限"],
    cats: {
      necessary: ["必要", "维持网站运行（含安全防护）所必需，始终开启。"],
      functional: ["功能", "记住您的偏好设置和您要求的功能。"],
      analytics: ["分析", "统计访问量，衡量网站的使用情况。"],
      marketing: ["营销", "个性化广告，并跨网站识别您的浏览器。"],
    },
  },
};

/** `zh*` → Simplified Chinese, anything else → English; the first language given decides. */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  for (const c of candidates) if (c) return /^zh\b/i.test(c) ? "zh-CN" : "en";
  return "en";
}
