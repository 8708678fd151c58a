import { showBadge } from "./badge.ts";
import { clearCategory } from "./clear.ts";
import { exportFile } from "./export.ts";
import { buildInventory } from "./inventory.ts";
import type { Handlers } from "./router.ts";
import type { Services } from "./services.ts";
import { siteOfUrl } from "./site.ts";

/** The tab a command concerns: given, or the first open tab of the named site. */
async function tabFor(s: Services, scoped: { tabId?: number; site?: string }): Promise<number> {
  if (scoped.tabId !== undefined) return scoped.tabId;
  if (scoped.site !== undefined) {
    const tab = (await s.browser.tabs.query({})).find((t) => siteOfUrl(t.url) === scoped.site);
    if (tab?.id !== undefined) return tab.id;
  }
  throw new Error("no tab: pass tabId");
}

export function createHandlers(s: Services): { handlers: Handlers; afterLoad(tabId: number): Promise<void> } {
  // Builds for one tab overlap (the after-load refresh and a popup's request): a slower build that started
  // earlier holds an older snapshot and must not overwrite the badge a newer one already showed.
  const badgeTickets = new Map<number, { issued: number; shown: number }>();
  const build = async (tabId: number) => {
    const tickets = badgeTickets.get(tabId) ?? { issued: 0, shown: 0 };
    badgeTickets.set(tabId, tickets);
    const ticket = ++tickets.issued;
    const built = await buildInventory(s.inventoryDeps, tabId);
    if (ticket > tickets.shown) {
      tickets.shown = ticket;
      await showBadge(s.browser.action, built.inventory).catch(() => undefined);
    }
    return built;
  };
  const clearDeps = {
    tabs: s.browser.tabs,
    scripting: s.browser.scripting,
    cookies: s.browser.cookies,
    sendToTab: s.sendToTab,
    build,
  };
  const blockingState = async (site: string) => ({
    blocking: { site, blocked: await s.blocking.blockedFor(site) },
  });
  const handlers: Handlers = {
    async getInventory(scoped) {
      return { inventory: (await build(await tabFor(s, scoped))).inventory };
    },
    async clearCategory(scoped) {
      const tabId = await tabFor(s, scoped);
      return { report: await clearCategory(clearDeps, tabId, scoped.command.category) };
    },
    async setBlock({ command }) {
      const blocked = await s.blocking.setBlock(command.site, command.category, command.blocked);
      if (command.blocked) {
        // Blocking also removes what is already stored.
        const tabId = await tabFor(s, { site: command.site }).catch(() => undefined);
        if (tabId !== undefined)
          await clearCategory(clearDeps, tabId, command.category).catch(() => undefined);
        // Clearing rebuilt the inventory and its hints: make sure the guard sees them before the next load.
        await s.blocking.sync();
      }
      return { blocking: { site: command.site, blocked } };
    },
    async blockAllNonEssential({ command }) {
      const blocked = await s.blocking.blockAll(command.site);
      const tabId = await tabFor(s, { site: command.site }).catch(() => undefined);
      if (tabId !== undefined)
        for (const c of blocked) await clearCategory(clearDeps, tabId, c).catch(() => undefined);
      await s.blocking.sync();
      return { blocking: { site: command.site, blocked } };
    },
    async setDefaultBlock({ command }) {
      return { defaults: await s.blocking.setDefault(command.category, command.blocked) };
    },
    async getBlocking(scoped) {
      if (!scoped.site) throw new Error("no site");
      return blockingState(scoped.site);
    },
    async exportInventory(scoped) {
      const { inventory } = await build(await tabFor(s, scoped));
      return { file: exportFile(inventory, scoped.command.format) };
    },
    async getHistory({ command }) {
      return { records: await s.inventoryDeps.history.forSite(command.site) };
    },
  };
  /**
   * After a page of a blocked site loads: refresh the badge and remove blocked items that still got
   * stored (IndexedDB or caches opened before the guard's config applied, storage written by frames).
   */
  async function afterLoad(tabId: number) {
    const { inventory } = await build(tabId);
    const present = new Set(inventory.items.filter((r) => r.blocked).map((r) => r.category));
    for (const c of inventory.blocked) if (present.has(c)) await clearCategory(clearDeps, tabId, c);
  }
  return { handlers, afterLoad };
}
