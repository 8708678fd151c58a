/** Writes held until consent arrives, replayed in order (pure). */
import type { Category, StorageKind } from "./types.ts";

export interface Held {
  kind: StorageKind;
  name: string;
  category: Category;
  run: () => void;
}

export function createQueue() {
  let items: Held[] = [];
  return {
    hold(h: Held) {
      items.push(h);
    },
    /** Forgets held writes the predicate selects (a later delete or clear supersedes them). */
    drop(pred: (h: Held) => boolean) {
      items = items.filter((h) => !pred(h));
    },
    /** Runs, in order, the held writes now allowed; returns them. A failing write is skipped. */
    replay(allowed: (h: Held) => boolean): Held[] {
      const now = items.filter(allowed);
      items = items.filter((h) => !now.includes(h));
      for (const h of now)
        try {
          h.run();
        } catch {}
      return now;
    },
    size: () => items.length,
  };
}
export type Queue = ReturnType<typeof createQueue>;
