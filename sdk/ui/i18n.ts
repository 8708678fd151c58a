/**
 * The consent UI's own texts live in en.json and zh-CN.json beside this file (the registry brings its own
 * en/zh-CN texts). The build copies them to dist/sdk/cookie-ledger-ui.<lang>.json, and the drop-in fetches
 * only the language it shows (docs/sdk.md, "Consent UI"): a reader downloads one language, not both.
 */

export type Lang = "en" | "zh-CN";

/** One language's texts, in `Text` order: `texts[Text.title]`, …. */
export type Texts = string[];

/** Index of each text in a language file; the files list them in this order. */
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

/** `zh*` → Simplified Chinese, anything else → English; the first language given decides. */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  for (const c of candidates) if (c) return /^zh\b/i.test(c) ? "zh-CN" : "en";
  return "en";
}
