import type { LocalizedText } from "../../shared/registry/schema.ts";

/** Looks up a `_locales` message; substitutions fill `$1`, `$2`, … */
export type Translate = (key: string, ...subs: (string | number)[]) => string;
export type Lang = keyof LocalizedText;

export function createTranslate(getMessage: (key: string, subs?: string[]) => string): Translate {
  return (key, ...subs) => getMessage(key, subs.map(String)) || key;
}

/**
 * Registry text language: the one that goes with the `_locales` folder the browser picked (its
 * `registryLang` message), so registry texts and the UI never mix languages; else from the UI language.
 */
export function registryLang(fromLocale: string, uiLanguage: string): Lang {
  if (fromLocale === "en" || fromLocale === "zh-CN") return fromLocale;
  return uiLanguage.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/** `_locales` message keys allow only [A-Za-z0-9_]: `well-known` → `well_known`. */
export function messageKey(prefix: string, value: string): string {
  return `${prefix}_${value.replace(/[^A-Za-z0-9]/g, "_")}`;
}
