// Bundled by test/bench/extension.bench.ts into a page: renders the popup's View (Preact) or, as the
// baseline, the same rows as plain DOM, and reports the time to first render including layout.
import { render } from "preact";
import en from "../../extension/_locales/en/messages.json" with { type: "json" };
import { createTranslate } from "../../extension/popup/i18n.ts";
import { View } from "../../extension/popup/View.tsx";
import type { Inventory, InventoryItem } from "../../shared/protocol/messages.ts";

const messages = en as Record<string, { message: string }>;
const t = createTranslate((key, subs = []) =>
  (messages[key]?.message ?? "").replace(/\$P(\d)\$/g, (_, n: string) => subs[Number(n) - 1] ?? ""),
);

export function makeInventory(count: number): Inventory {
  const kinds = ["cookie", "localStorage", "sessionStorage", "indexedDB", "cacheStorage"] as const;
  const categories = ["necessary", "functional", "analytics", "marketing", undefined] as const;
  const items: InventoryItem[] = Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const category = categories[i % categories.length];
    return {
      key: `k${i}`,
      item: {
        kind,
        name: `item_${i}_${kind}`,
        ...(kind === "cookie"
          ? { domain: `h${i % 17}.dingtalk.com`, path: "/" }
          : { origin: "https://www.dingtalk.com" }),
        expires: kind === "cookie" ? 1_800_000_000_000 + i : undefined,
        size: 20 + (i % 300),
        setBy: i % 3 === 0 ? "http" : "unknown",
        httpOnly: i % 7 === 0,
      },
      category,
      classifier: category ? "bundled" : "unknown",
      declared: category !== undefined,
      findings: category ? ["declared"] : ["undeclared"],
      blocked: false,
      purpose: category
        ? {
            id: "p",
            label: { en: `Purpose ${i % 9}`, "zh-CN": `用途 ${i % 9}` },
            description: { en: "Description", "zh-CN": "说明" },
            policyRef: "Part 3 §III",
          }
        : undefined,
      provider: { name: `Provider ${i % 11}` },
      declaredMaxAgeSeconds: 86_400 * (i % 400),
      firstSeen: 1_790_000_000_000 + i,
    };
  });
  return {
    site: "dingtalk.com",
    tabId: 1,
    url: "https://www.dingtalk.com/",
    generatedAt: 0,
    sources: ["bundled"],
    blocked: [],
    items,
    unholdable: [],
    unreadFrames: [],
  };
}

const noop = () => undefined;
const actions = { onClear: noop, onBlock: noop, onBlockAll: noop, onExport: noop };

function preactRender(inventory: Inventory, root: HTMLElement): number {
  const start = performance.now();
  render(<View inventory={inventory} t={t} lang="en" busy={false} status="" actions={actions} />, root);
  void document.body.offsetHeight;
  return performance.now() - start;
}

const dateFormat = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "short", timeStyle: "short" });

/** The same rows, cell for cell, in the same grid markup, written with createElement/textContent. */
function plainRender(inventory: Inventory, root: HTMLElement): number {
  const start = performance.now();
  const list = document.createElement("table");
  list.className = "items";
  const body = document.createElement("tbody");
  list.appendChild(body);
  for (const r of inventory.items) {
    const row = document.createElement("tr");
    row.className = "row item";
    const cells = [
      r.item.name,
      t(`kind_${r.item.kind}`),
      t(`category_${r.category ?? "unknown"}`),
      r.purpose?.label.en ?? "",
      r.provider?.name ?? "",
      String(r.declaredMaxAgeSeconds ?? ""),
      r.item.expires ? dateFormat.format(r.item.expires) : "",
      String(r.item.size ?? ""),
      t(`setBy_${r.item.setBy ?? "unknown"}`),
      r.firstSeen ? timeFormat.format(r.firstSeen) : "",
      t(`source_${r.classifier}`),
    ];
    for (const c of cells) {
      const cell = document.createElement("td");
      cell.textContent = c;
      row.appendChild(cell);
    }
    body.appendChild(row);
  }
  root.appendChild(list);
  void document.body.offsetHeight;
  return performance.now() - start;
}

/** Resolves when every row is in the DOM (the popup renders rows beyond the first screenful in chunks). */
function allRows(count: number, start: number): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (document.querySelectorAll(".items .item").length >= count) {
        void document.body.offsetHeight;
        resolve(performance.now() - start);
      } else setTimeout(check, 0);
    };
    check();
  });
}

(globalThis as { bench?: unknown }).bench = async (which: "preact" | "plain", count: number) => {
  const inventory = makeInventory(count);
  const root = document.getElementById("app")!;
  const start = performance.now();
  const first = which === "preact" ? preactRender(inventory, root) : plainRender(inventory, root);
  return [first, await allRows(count, start)];
};
