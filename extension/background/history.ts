import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { HistoryRecord } from "../../shared/protocol/messages.ts";

interface HistorySchema extends DBSchema {
  items: {
    key: [string, string];
    value: HistoryRecord;
    indexes: { bySite: string; byLastSeen: number };
  };
}

/** Upper bound on stored records; the least recently seen go first. */
export const HISTORY_LIMIT = 20_000;

export interface History {
  /** Records that these items were seen now; returns each item's first- and last-seen. */
  touch(
    site: string,
    items: readonly Omit<HistoryRecord, "site" | "firstSeen" | "lastSeen">[],
    now: number,
  ): Promise<Map<string, HistoryRecord>>;
  forSite(site: string): Promise<HistoryRecord[]>;
}

export function createHistory(name = "cookie-ledger-history", limit = HISTORY_LIMIT): History {
  let db: Promise<IDBPDatabase<HistorySchema>> | undefined;
  const open = () => {
    db ??= openDB<HistorySchema>(name, 1, {
      upgrade(d) {
        const store = d.createObjectStore("items", { keyPath: ["site", "key"] });
        store.createIndex("bySite", "site");
        store.createIndex("byLastSeen", "lastSeen");
      },
    });
    return db;
  };

  async function evict(d: IDBPDatabase<HistorySchema>) {
    const count = await d.count("items");
    if (count <= limit) return;
    const tx = d.transaction("items", "readwrite");
    let excess = count - limit;
    let cursor = await tx.store.index("byLastSeen").openCursor();
    while (cursor && excess > 0) {
      await cursor.delete();
      excess -= 1;
      cursor = await cursor.continue();
    }
    await tx.done;
  }

  return {
    async touch(site, items, now) {
      const d = await open();
      const tx = d.transaction("items", "readwrite");
      const out = new Map<string, HistoryRecord>();
      await Promise.all(
        items.map(async (item) => {
          const old = await tx.store.get([site, item.key]);
          const record: HistoryRecord = { ...item, site, firstSeen: old?.firstSeen ?? now, lastSeen: now };
          out.set(item.key, record);
          await tx.store.put(record);
        }),
      );
      await tx.done;
      await evict(d);
      return out;
    },
    async forSite(site) {
      const d = await open();
      return d.getAllFromIndex("items", "bySite", site);
    },
  };
}
