/**
 * Functions injected into a tab's frames with `scripting.executeScript` (ISOLATED world). Each is
 * serialized on its own, so each must be self-contained: no imports, no outer variables, no helpers.
 */

export interface FrameStorageItem {
  kind: "localStorage" | "sessionStorage" | "indexedDB" | "cacheStorage";
  name: string;
  origin: string;
  size?: number;
  frame: string;
}

export interface FrameReport {
  url: string;
  origin: string;
  items: FrameStorageItem[];
  /** Hosts this frame loaded resources from (third-party cookie candidates). */
  hosts: string[];
  errors: string[];
}

/** Reads the frame's web storage keys, IndexedDB databases and caches. */
export async function collectFrameStorage(): Promise<FrameReport> {
  // The document's origin: an about:blank frame (e.g. an iframe a consent tool gates) has the origin of the
  // page that created it and shares its storage, while its `location.origin` is "null".
  const origin = self.origin;
  const frame = location.href;
  const report: FrameReport = { url: frame, origin, items: [], hosts: [], errors: [] };
  for (const kind of ["localStorage", "sessionStorage"] as const) {
    try {
      const store = kind === "localStorage" ? localStorage : sessionStorage;
      for (let i = 0; i < store.length; i++) {
        const name = store.key(i);
        if (name === null) continue;
        const size = name.length + (store.getItem(name) ?? "").length;
        report.items.push({ kind, name, origin, size, frame });
      }
    } catch (e) {
      report.errors.push(`${kind}: ${String(e)}`);
    }
  }
  try {
    for (const db of await indexedDB.databases()) {
      if (db.name) report.items.push({ kind: "indexedDB", name: db.name, origin, frame });
    }
  } catch (e) {
    report.errors.push(`indexedDB: ${String(e)}`);
  }
  try {
    if (typeof caches !== "undefined") {
      for (const name of await caches.keys())
        report.items.push({ kind: "cacheStorage", name, origin, frame });
    }
  } catch (e) {
    report.errors.push(`cacheStorage: ${String(e)}`);
  }
  const hosts = new Set<string>();
  for (const entry of performance.getEntriesByType("resource")) {
    try {
      hosts.add(new URL(entry.name).hostname);
    } catch {
      // not a URL
    }
  }
  report.hosts = [...hosts].slice(0, 500);
  return report;
}

export interface StorageTarget {
  kind: FrameStorageItem["kind"];
  name: string;
  origin: string;
}

/** Removes the listed items that belong to this frame's origin; returns what is still there afterwards. */
export async function clearFrameStorage(targets: StorageTarget[]): Promise<StorageTarget[]> {
  const mine = targets.filter((t) => t.origin === self.origin);
  const left: StorageTarget[] = [];
  for (const t of mine) {
    try {
      if (t.kind === "localStorage") localStorage.removeItem(t.name);
      else if (t.kind === "sessionStorage") sessionStorage.removeItem(t.name);
      else if (t.kind === "cacheStorage") await caches.delete(t.name);
      else if (t.kind === "indexedDB") {
        await new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(t.name);
          request.onsuccess = () => resolve();
          request.onerror = () => resolve();
          // Another connection keeps it open: deletion completes when that page closes it.
          request.onblocked = () => resolve();
        });
      }
    } catch {
      // verified below
    }
  }
  // Read back.
  const dbs = new Set((await indexedDB.databases().catch(() => [])).map((d) => d.name));
  const cacheNames = new Set(typeof caches === "undefined" ? [] : await caches.keys().catch(() => []));
  for (const t of mine) {
    const there =
      t.kind === "localStorage"
        ? localStorage.getItem(t.name) !== null
        : t.kind === "sessionStorage"
          ? sessionStorage.getItem(t.name) !== null
          : t.kind === "indexedDB"
            ? dbs.has(t.name)
            : cacheNames.has(t.name);
    if (there) left.push(t);
  }
  return left;
}
