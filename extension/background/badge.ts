import type { Action } from "webextension-polyfill";
import type { Inventory } from "../../shared/protocol/messages.ts";

/** Items the badge counts: undeclared ones and non-essential ones (each item once). */
export function badgeCount(inventory: Pick<Inventory, "items">): number {
  return inventory.items.filter(
    (i) => !i.declared || (i.category !== undefined && i.category !== "necessary"),
  ).length;
}

export async function showBadge(
  action: Pick<Action.Static, "setBadgeText" | "setBadgeBackgroundColor">,
  inventory: Inventory,
) {
  const count = badgeCount(inventory);
  await action.setBadgeText({
    tabId: inventory.tabId,
    text: count === 0 ? "" : count > 999 ? "999+" : String(count),
  });
  await action.setBadgeBackgroundColor({ tabId: inventory.tabId, color: "#5b3cc4" });
}
