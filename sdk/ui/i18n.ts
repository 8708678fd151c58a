/** The consent UI's own texts in English and Simplified Chinese; the registry brings its own en/zh-CN texts. */

export type Lang = "en" | "zh-CN";

/** A language's texts: `STRINGS[lang][Text.title]`, …; one line of the tables below each, in this order. */
export enum Text {
  title,
  intro,
  accept,
  reject,
  settings,
  prefs,
  save,
  close,
  withdraw,
  reopen,
  always,
  /** The other language's name, in that language (the switch button). */
  other,
  session,
  /** Summary of a category's declaration table. */
  list,
  /** The declaration table's six column headers: name, kind, purpose, policy clause, provider, retention. */
  cols,
  /** Each category's label and description, in `CATEGORIES` order. */
  cats = cols + 6,
  /** How many texts a language has. */
  count = cats + 8,
}

export const STRINGS: Record<Lang, string[]> = {
  en: `Cookies and similar storage
Necessary storage keeps this site working. Other cookies and storage need your consent; you can change your choice at any time.
Accept all
Reject all
Settings
Storage preferences
Save choices
Close
Withdraw consent
Cookie settings
Always on
中文
Session
Declared storage
Name
Kind
Purpose
Policy
Provider
Retention
Necessary
Needed for the site to work, including security. Always on.
Functional
Remembers your preferences and the features you ask for.
Analytics
Counts visits and measures how the site is used.
Marketing
Personalises advertising and recognises your browser across sites.`.split("\n"),
  "zh-CN": `Cookie 及类似存储
必要的存储用于维持本网站运行。其他 Cookie 及存储需要您的同意；您可以随时更改选择。
全部接受
全部拒绝
设置
存储偏好设置
保存选择
关闭
撤回同意
Cookie 设置
始终开启
English
会话期间
已声明的存储
名称
类型
用途
政策条款
提供方
保留期限
必要
维持网站运行（含安全防护）所必需，始终开启。
功能
记住您的偏好设置和您要求的功能。
分析
统计访问量，衡量网站的使用情况。
营销
个性化广告，并跨网站识别您的浏览器。`.split("\n"),
};

/** `zh*` → Simplified Chinese, anything else → English; the first language given decides. */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  for (const c of candidates) if (c) return /^zh\b/i.test(c) ? "zh-CN" : "en";
  return "en";
}
