import type { Storage } from "webextension-polyfill";
import { OPTIONAL_CATEGORIES, type OptionalCategory } from "../../../shared/categories.ts";
import type { HintRule } from "./plan.ts";

/**
 * Persisted blocking choices (storage.local, so they survive browser restarts):
 * a default for every site, overridden per site category by category.
 */
export interface BlockSettings {
  /** Categories blocked on every site unless a site overrides them. */
  defaults: OptionalCategory[];
  /** Per-site overrides: `true` = blocked, `false` = allowed, missing = the default. */
  sites: Record<string, Partial<Record<OptionalCategory, boolean>>>;
}

/** What the last inventory of a site taught about its items (feeds the guard and network rules). */
export interface SiteHints {
  /** Exact names per category seen on the site: [kind, name, category]. */
  names: [string, string, OptionalCategory | "necessary"][];
  /** Third-party cookie domains seen on the site with the categories of their cookies. */
  thirdParty: Record<string, string[]>;
  /** Cookie / web-storage rules of the registries that classified the site (SDK, well-known, bundled). */
  rules?: HintRule[];
}

const SETTINGS_KEY = "blocking";
const HINTS_PREFIX = "hints:";
const MAX_HINT_NAMES = 400;
/** Sites whose hints are kept (most recently changed first). */
const MAX_HINT_SITES = 300;
const ORDER_KEY = "hints-order";

export function emptySettings(): BlockSettings {
  return { defaults: [], sites: {} };
}

function sanitize(raw: unknown): BlockSettings {
  const out = emptySettings();
  if (typeof raw !== "object" || raw === null) return out;
  const r = raw as { defaults?: unknown; sites?: unknown };
  if (Array.isArray(r.defaults))
    out.defaults = OPTIONAL_CATEGORIES.filter((c) => (r.defaults as unknown[]).includes(c));
  if (typeof r.sites === "object" && r.sites !== null) {
    for (const [site, overrides] of Object.entries(r.sites as Record<string, unknown>)) {
      if (typeof overrides !== "object" || overrides === null) continue;
      const o: Partial<Record<OptionalCategory, boolean>> = {};
      for (const c of OPTIONAL_CATEGORIES) {
        const value = (overrides as Record<string, unknown>)[c];
        if (typeof value === "boolean") o[c] = value;
      }
      out.sites[site] = o;
    }
  }
  return out;
}

/** The categories blocked on a site: its overrides over the defaults. */
export function effectiveBlocked(settings: BlockSettings, site: string): OptionalCategory[] {
  const overrides = Object.hasOwn(settings.sites, site) ? settings.sites[site]! : {};
  return OPTIONAL_CATEGORIES.filter((c) => overrides[c] ?? settings.defaults.includes(c));
}

/** Sites that block something through an override (the defaults reach other sites once visited). */
export function sitesWithBlocking(settings: BlockSettings, visited: readonly string[]): string[] {
  const sites = new Set([...Object.keys(settings.sites), ...(settings.defaults.length ? visited : [])]);
  return [...sites].filter((s) => effectiveBlocked(settings, s).length > 0).sort();
}

export interface SettingsStore {
  read(): Promise<BlockSettings>;
  /** Applies a change atomically (changes are serialized) and returns the new settings. */
  update(change: (s: BlockSettings) => void): Promise<BlockSettings>;
  readHints(site: string): Promise<SiteHints | undefined>;
  /** Stores the hints; `true` when they differ from what was stored. */
  writeHints(site: string, hints: SiteHints): Promise<boolean>;
  visitedSites(): Promise<string[]>;
}

export function createSettingsStore(area: Storage.StorageArea): SettingsStore {
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs storage read-modify-writes one after another. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const read = async () => sanitize((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
  const order = async (): Promise<string[]> => {
    const value = (await area.get(ORDER_KEY))[ORDER_KEY];
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
  };
  /** Keeps the hints of the most recently changed sites only; sites with overrides keep theirs. */
  const prune = async () => {
    const sites = await order();
    if (sites.length <= MAX_HINT_SITES) return;
    const overrides = (await read()).sites;
    const drop = sites.slice(MAX_HINT_SITES).filter((x) => !Object.hasOwn(overrides, x));
    await area.remove(drop.map((x) => HINTS_PREFIX + x));
    await area.set({ [ORDER_KEY]: sites.filter((x) => !drop.includes(x)) });
  };
  return {
    read,
    update(change) {
      return serial(async () => {
        const settings = await read();
        change(settings);
        await area.set({ [SETTINGS_KEY]: settings });
        return settings;
      });
    },
    async readHints(site) {
      const key = HINTS_PREFIX + site;
      const value = (await area.get(key))[key] as SiteHints | undefined;
      return value && Array.isArray(value.names) ? value : undefined;
    },
    writeHints(site, hints) {
      return serial(async () => {
        const key = HINTS_PREFIX + site;
        const next = { ...hints, names: hints.names.slice(0, MAX_HINT_NAMES) };
        const before = (await area.get(key))[key];
        if (JSON.stringify(before) === JSON.stringify(next)) return false;
        await area.set({ [key]: next, [ORDER_KEY]: [site, ...(await order()).filter((x) => x !== site)] });
        await prune();
        return true;
      });
    },
    async visitedSites() {
      const all = await area.get(null);
      return Object.keys(all)
        .filter((k) => k.startsWith(HINTS_PREFIX))
        .map((k) => k.slice(HINTS_PREFIX.length));
    },
  };
}
