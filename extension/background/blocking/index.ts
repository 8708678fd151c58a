import type { Cookies } from "webextension-polyfill";
import { OPTIONAL_CATEGORIES, type OptionalCategory } from "../../../shared/categories.ts";
import type { Registry } from "../../../shared/registry/schema.ts";
import { type CookieApi, removeCookies } from "../cookies.ts";
import { propertySet, siteOfUrl } from "../site.ts";
import { applyGuard, applyRules, type DnrApi, type ScriptingApi } from "./apply.ts";
import { type BlockPlan, type HintRule, planSite, registryRules } from "./plan.ts";
import { effectiveBlocked, type SettingsStore, sitesWithBlocking } from "./settings.ts";

export interface BlockingDeps {
  settings: SettingsStore;
  bundled: readonly Registry[];
  dnr: DnrApi;
  scripting: ScriptingApi;
  cookies: CookieApi;
}

export interface Blocking {
  /** Recomputes plans from storage and applies rules and the guard registration (serialized). */
  sync(): Promise<BlockPlan[]>;
  blockedFor(site: string): Promise<OptionalCategory[]>;
  setBlock(site: string, category: OptionalCategory, blocked: boolean): Promise<OptionalCategory[]>;
  blockAll(site: string): Promise<OptionalCategory[]>;
  /** Changes the default for sites without an override; returns the defaults. */
  setDefault(category: OptionalCategory, blocked: boolean): Promise<OptionalCategory[]>;
  /** `cookies.onChanged` safety net: removes a blocked cookie that still arrived (HTTP-set, say). */
  onCookieChanged(change: Cookies.OnChangedChangeInfoType): Promise<boolean>;
}

/** Registry rules a site's blocking uses: those remembered from its last inventory, or the bundled ones. */
async function siteRules(deps: BlockingDeps, site: string, properties: string[]): Promise<HintRule[]> {
  const hints = await deps.settings.readHints(site);
  if (hints?.rules) return hints.rules;
  return registryRules(deps.bundled.filter((r) => r.properties.some((p) => properties.includes(p))));
}

export function createBlocking(deps: BlockingDeps): Blocking {
  let plans: Promise<BlockPlan[]> = Promise.resolve([]);
  let queue: Promise<unknown> = Promise.resolve();

  async function compute(): Promise<BlockPlan[]> {
    const settings = await deps.settings.read();
    const sites = sitesWithBlocking(settings, await deps.settings.visitedSites());
    return Promise.all(
      sites.map(async (site) => {
        const properties = propertySet(site, deps.bundled);
        const rules = await siteRules(deps, site, properties);
        const hints = await deps.settings.readHints(site);
        return planSite(site, properties, effectiveBlocked(settings, site), rules, hints);
      }),
    );
  }

  function sync(): Promise<BlockPlan[]> {
    const run = queue.then(async () => {
      const next = await compute();
      await applyRules(deps.dnr, next);
      await applyGuard(deps.scripting, next);
      return next;
    });
    plans = run.catch(() => []);
    queue = plans;
    return run;
  }

  async function change(site: string, apply: (o: Partial<Record<OptionalCategory, boolean>>) => void) {
    const settings = await deps.settings.update((s) => {
      const overrides = Object.hasOwn(s.sites, site) ? s.sites[site]! : {};
      apply(overrides);
      s.sites[site] = overrides;
    });
    await sync();
    return effectiveBlocked(settings, site);
  }

  return {
    sync,
    async blockedFor(site) {
      return effectiveBlocked(await deps.settings.read(), site);
    },
    setBlock(site, category, blocked) {
      return change(site, (o) => {
        o[category] = blocked;
      });
    },
    blockAll(site) {
      return change(site, (o) => {
        for (const c of OPTIONAL_CATEGORIES) o[c] = true;
      });
    },
    async setDefault(category, blocked) {
      const settings = await deps.settings.update((s) => {
        s.defaults = OPTIONAL_CATEGORIES.filter((c) => (c === category ? blocked : s.defaults.includes(c)));
      });
      await sync();
      return settings.defaults;
    },
    async onCookieChanged(info) {
      if (info.removed) return false;
      const c = info.cookie;
      const partitionSite = c.partitionKey?.topLevelSite ? siteOfUrl(c.partitionKey.topLevelSite) : undefined;
      const current = await plans;
      if (!current.some((p) => p.blocksCookie(c.name, c.domain, partitionSite))) return false;
      await removeCookies(deps.cookies, [c]);
      return true;
    },
  };
}
