import type { Lang } from "./i18n.ts";

const DAY = 86_400;

/** Intl formatters are costly to create: one per language and style (2,000 rows would make 6,000). */
function formatters(lang: Lang) {
  return {
    date: new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric" }),
    time: new Intl.DateTimeFormat(lang, { dateStyle: "short", timeStyle: "short" }),
  };
}
const cache = new Map<Lang, ReturnType<typeof formatters>>();
const fmt = (lang: Lang) => {
  let f = cache.get(lang);
  if (!f) {
    f = formatters(lang);
    cache.set(lang, f);
  }
  return f;
};

/** A declared retention (seconds; `null` = session) in compact words. */
export function formatMaxAge(seconds: number | null | undefined, session: string, none: string): string {
  if (seconds === undefined) return none;
  if (seconds === null) return session;
  if (seconds >= 365 * DAY) return `${+(seconds / (365 * DAY)).toFixed(1)} y`;
  if (seconds >= DAY) return `${Math.round(seconds / DAY)} d`;
  if (seconds >= 3600) return `${Math.round(seconds / 3600)} h`;
  return `${seconds} s`;
}

/** An actual expiry (epoch ms; `null` = session) as a date. */
export function formatExpiry(
  ms: number | null | undefined,
  session: string,
  none: string,
  lang: Lang,
): string {
  if (ms === undefined) return none;
  if (ms === null) return session;
  return fmt(lang).date.format(ms);
}

export function formatTime(ms: number | undefined, none: string, lang: Lang): string {
  if (ms === undefined) return none;
  return fmt(lang).time.format(ms);
}

export function formatSize(bytes: number | undefined, none: string): string {
  if (bytes === undefined) return none;
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}
