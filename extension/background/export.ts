import type { Finding } from "../../shared/model.ts";
import type { ExportFile, Inventory, InventoryItem } from "../../shared/protocol/messages.ts";

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading apostrophe. */
export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const COLUMNS = [
  "kind",
  "name",
  "domain",
  "origin",
  "path",
  "partitionKey",
  "category",
  "classifier",
  "declared",
  "purpose",
  "policyRef",
  "provider",
  "declaredMaxAgeSeconds",
  "expires",
  "size",
  "httpOnly",
  "secure",
  "sameSite",
  "setBy",
  "firstSeen",
  "lastSeen",
  "findings",
] as const;

const iso = (ms: number | null | undefined) => (typeof ms === "number" ? new Date(ms).toISOString() : "");

function row(i: InventoryItem): unknown[] {
  const o = i.item;
  return [
    o.kind,
    o.name,
    o.domain,
    o.origin,
    o.path,
    o.partitionKey,
    i.category ?? "unknown",
    i.classifier,
    i.declared,
    i.purpose?.label.en,
    i.purpose?.policyRef,
    i.provider?.name,
    i.declaredMaxAgeSeconds === null ? "session" : i.declaredMaxAgeSeconds,
    o.expires === null ? "session" : iso(o.expires),
    o.size,
    o.httpOnly,
    o.secure,
    o.sameSite,
    o.setBy,
    iso(i.firstSeen),
    iso(i.lastSeen),
    i.findings.join(" "),
  ];
}

export function inventoryCsv(inventory: Inventory): string {
  const lines = [COLUMNS.join(","), ...inventory.items.map((i) => row(i).map(csvCell).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/** The inventory in the shared model: observed items and findings, plus each item's classification. */
export function inventoryJson(inventory: Inventory): string {
  const findings: Finding[] = inventory.items.flatMap((i) =>
    i.findings.map((type) => ({
      type,
      item: i.item,
      category: i.category,
      message: `${i.item.kind} ${i.item.name}: ${type}`,
    })),
  );
  const body = {
    format: "cookie-ledger-inventory/1",
    site: inventory.site,
    url: inventory.url,
    generatedAt: new Date(inventory.generatedAt).toISOString(),
    blocked: inventory.blocked,
    observed: inventory.items.map((i) => ({
      ...i.item,
      category: i.category ?? "unknown",
      classifier: i.classifier,
      purpose: i.purpose?.id,
      provider: i.provider,
      declaredMaxAgeSeconds: i.declaredMaxAgeSeconds,
      firstSeen: i.firstSeen,
      lastSeen: i.lastSeen,
    })),
    findings,
    unholdable: inventory.unholdable,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function exportFile(inventory: Inventory, format: "json" | "csv"): ExportFile {
  const stamp = new Date(inventory.generatedAt).toISOString().slice(0, 10);
  const base = `cookie-ledger-${inventory.site}-${stamp}`;
  return format === "json"
    ? { filename: `${base}.json`, mime: "application/json", text: inventoryJson(inventory) }
    : { filename: `${base}.csv`, mime: "text/csv", text: inventoryCsv(inventory) };
}
