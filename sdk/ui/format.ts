/** The declaration table's rows, from the registry (pure). */
import type { Category, Registry } from "../types.ts";
import type { Lang } from "./i18n.ts";

/** One declared entry: name, kind, purpose, policy clause, provider, retention ("—" when unknown). */
export type Row = [
  name: string,
  kind: string,
  purpose: string,
  policy: string,
  provider: string,
  retention: string,
];

const UNITS = [
  ["year", 31536000],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
] as const;

/**
 * Declared retention in the largest unit that divides it, else the largest unit it reaches, rounded (`Intl`
 * spells it in the language); `null` = session.
 */
export function retention(seconds: number | null | undefined, lang: Lang, session: string): string {
  if (seconds === null) return session;
  if (seconds === undefined) return "—";
  const [unit, size] = UNITS.find(([, s]) => seconds >= s && !(seconds % s)) ??
    UNITS.find(([, s]) => seconds >= s) ?? ["second", 1];
  return new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: "long" }).format(
    Math.round(seconds / size),
  );
}

/** Rows of one category, in registry order; an entry without a category takes its purpose's. */
export function rows(registry: Registry, category: Category, lang: Lang, session: string): Row[] {
  return registry.entries.flatMap((e) => {
    const p = e.purpose ? registry.purposes[e.purpose] : undefined;
    return (e.category ?? p?.category) === category
      ? [
          [
            e.name,
            e.kind,
            (p?.label ?? e.description)?.[lang] ?? "—",
            p?.policyRef ?? "—",
            e.provider?.name ?? registry.site.name,
            retention(e.maxAgeSeconds, lang, session),
          ] as Row,
        ]
      : [];
  });
}
