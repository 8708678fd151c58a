import { encodePointer, makeIssue, type RegistryIssue } from "./errors.ts";
import { isExtensionKey } from "./ledger-object.ts";

/**
 * The rules the schema alone cannot state. They read the raw parsed document defensively, so
 * they report alongside schema errors instead of waiting for the schema to pass.
 */

/** Keys that reach `Object.prototype` machinery when used as property names. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Purpose ids may not shadow anything an object inherits (`toString`, `hasOwnProperty`, …). */
export function isReservedId(id: string): boolean {
  return PROTOTYPE_KEYS.has(id) || id in Object.prototype;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deeper than any object the schema describes (`/purposes/id/label/en` is 4 levels). */
const MAX_SCHEMA_DEPTH = 6;

/** Every `__proto__` / `constructor` / `prototype` key where the schema reads keys (not in `x-` values). */
function prototypeKeyIssues(document: unknown): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const path: (string | number)[] = [];
  const visit = (value: unknown) => {
    if (value === null || typeof value !== "object" || path.length >= MAX_SCHEMA_DEPTH) return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        visit(value[index]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      if (isExtensionKey(key)) continue;
      path.push(key);
      if (PROTOTYPE_KEYS.has(key)) {
        issues.push(
          makeIssue(
            encodePointer(path),
            "an ordinary key",
            JSON.stringify(key),
            `key ${JSON.stringify(key)} is not allowed (it names Object.prototype machinery)`,
          ),
        );
      } else visit((value as Json)[key]);
      path.pop();
    }
  };
  visit(document);
  return issues;
}

function purposeIdIssues(purposes: Json): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  for (const id of Object.keys(purposes)) {
    if (PROTOTYPE_KEYS.has(id) || !isReservedId(id)) continue; // the former are reported already
    issues.push(
      makeIssue(
        encodePointer(["purposes", id]),
        "a purpose id that is not an Object.prototype member",
        JSON.stringify(id),
        `purpose id ${JSON.stringify(id)} is reserved`,
      ),
    );
  }
  return issues;
}

function listIds(ids: string[]): string {
  if (ids.length === 0) return "an id of /purposes (there are none)";
  const shown = ids.slice(0, 8).map((id) => JSON.stringify(id));
  return `one of ${shown.join(", ")}${ids.length > 8 ? `, … (${ids.length} ids)` : ""}`;
}

/** The identity two entries may not share: kind + name + domain + path. */
export function entryIdentity(entry: {
  kind: unknown;
  name: unknown;
  domain?: unknown;
  path?: unknown;
}): string {
  const domain = typeof entry.domain === "string" ? entry.domain.toLowerCase().replace(/^\./, "") : "";
  const path = typeof entry.path === "string" ? entry.path : "";
  return `${String(entry.kind)}\u0000${String(entry.name)}\u0000${domain}\u0000${path}`;
}

function entryIssues(entries: unknown[], purposes: Json | undefined): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const purposeIds = purposes ? Object.keys(purposes) : [];
  const firstIndexByIdentity = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (!isObject(entry)) return;
    const at = (key?: string) =>
      encodePointer(key === undefined ? ["entries", index] : ["entries", index, key]);
    if (entry.kind !== "cookie") {
      for (const key of ["path", "partitioned"]) {
        if (entry[key] === undefined) continue;
        issues.push(
          makeIssue(
            at(key),
            `no "${key}" (only cookies have one)`,
            JSON.stringify(entry[key]) ?? "",
            `"${key}" is only allowed on cookies, this entry is ${JSON.stringify(entry.kind)}`,
          ),
        );
      }
    }
    const purposeId = entry.purpose;
    let purposeCategory: unknown;
    if (typeof purposeId === "string" && purposeId !== "") {
      if (purposes && Object.hasOwn(purposes, purposeId) && !isReservedId(purposeId)) {
        purposeCategory = isObject(purposes[purposeId]) ? purposes[purposeId].category : undefined;
      } else {
        issues.push(
          makeIssue(
            at("purpose"),
            listIds(purposeIds),
            JSON.stringify(purposeId),
            `purpose ${JSON.stringify(purposeId)} does not exist in /purposes`,
          ),
        );
      }
    }
    if (entry.category === undefined && purposeId === undefined) {
      issues.push(
        makeIssue(
          at("category"),
          "a category, or a purpose that supplies one",
          "neither",
          "missing category: an entry needs a category unless its purpose supplies one",
        ),
      );
    } else if (
      typeof entry.category === "string" &&
      typeof purposeCategory === "string" &&
      entry.category !== purposeCategory
    ) {
      issues.push(
        makeIssue(
          at("category"),
          `${JSON.stringify(purposeCategory)} (the category of purpose ${JSON.stringify(purposeId)})`,
          JSON.stringify(entry.category),
          `category ${JSON.stringify(entry.category)} disagrees with purpose ${JSON.stringify(purposeId)}, which is ${JSON.stringify(purposeCategory)}`,
        ),
      );
    }
    if (typeof entry.kind !== "string" || typeof entry.name !== "string") return;
    const identity = entryIdentity(entry as { kind: string; name: string });
    const first = firstIndexByIdentity.get(identity);
    if (first === undefined) firstIndexByIdentity.set(identity, index);
    else {
      issues.push(
        makeIssue(
          at(),
          "a unique kind + name + domain + path",
          `the same as /entries/${first}`,
          `duplicate entry: same kind, name, domain and path as /entries/${first}`,
        ),
      );
    }
  });
  return issues;
}

/** Every rule violation beyond the schema's, in no particular order. */
export function registryRuleIssues(document: unknown): RegistryIssue[] {
  const issues = prototypeKeyIssues(document);
  if (!isObject(document)) return issues;
  const purposes = isObject(document.purposes) ? document.purposes : undefined;
  if (purposes) issues.push(...purposeIdIssues(purposes));
  if (Array.isArray(document.entries)) issues.push(...entryIssues(document.entries, purposes));
  return issues;
}
