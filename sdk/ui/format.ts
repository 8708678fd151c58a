/** The declaration table's rows, from the registry (pure). */
import type { Category, Registry, RegistryEntry } from "../types.ts";
import type { Lang } from "./i18n.ts";

export interface Row {
  name: string;
  kind: string;
  purpose: string;
  policy: string;
  provider: string;
  retention: string;
}

const UNITS: [unit: string, seconds: number][] = [
  ["year", 31536000],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** Declared retention in the largest whole unit (`Intl` spells it in the language); `null` = session. */
export function retention(seconds: number | null | undefined, lang: Lang, session: string): string {
  if (seconds === null) return session;
  if (seconds === undefined) return "—";
  const [unit, size] = UNITS.find(([, s]) => seconds >= s && seconds % s === 0) ??
    UNITS.find(([, s]) => seconds >= s) ?? ["second", 1];
  const n = Math.round(seconds / size);
  return new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: "long" }).format(n);
}

export function entryCategory(registry: Registry, e: RegistryEntry): Category | undefined {
  return e.category ?? (e.purpose ? registry.purposes[e.purpose]?.category : undefined);
}

/** Rows of one category, in registry order. */
export function rows(registry: Registry, category: Category, lang: Lang, session: string): Row[] {
  return registry.entries
    .filter((e) => entryCategory(registry, e) === category)
    .map((e) => {
      const p = e.purpose ? registry.purposes[e.purpose] : undefined;
      return {
        name: e.name,
        kind: e.kind,
        purpose: (p?.label ?? e.description)?.[lang] ?? "—",
        policy: p?.policyRef ?? "—",
        provider: e.provider?.name ?? registry.site?.name ?? "—",
        retention: retention(e.maxAgeSeconds, lang, session),
      };
    });
}
