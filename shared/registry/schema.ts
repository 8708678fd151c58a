import * as v from "valibot";
import { CATEGORIES } from "../categories.ts";
import { ledgerObject } from "./ledger-object.ts";

/** Registry format `cookie-ledger/1` (DESIGN.md, "Registry"); docs/registry.md documents every field. */
export const REGISTRY_FORMAT = "cookie-ledger/1";

export const STORAGE_KINDS = [
  "cookie",
  "localStorage",
  "sessionStorage",
  "indexedDB",
  "cacheStorage",
  "flash",
] as const;
export const DATA_CATEGORIES = [
  "identifier",
  "account",
  "device",
  "location",
  "log",
  "service-use",
  "security",
  "preferences",
] as const;
export const SOURCES = ["site", "vendor-doc", "community", "inferred"] as const;

/** Longest accepted entry name (the limit; browsers cap a whole cookie at 4,096 bytes). */
export const MAX_NAME_LENGTH = 4096;
/** Purpose ids: a letter or digit, then letters, digits, `.`, `_`, `:` or `-`. */
export const PURPOSE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const Text = v.pipe(v.string(), v.minLength(1));
const HttpUrl = v.pipe(v.string(), v.url());

export const LocalizedTextSchema = ledgerObject({
  en: v.pipe(Text, v.description("English text.")),
  "zh-CN": v.pipe(Text, v.description("Simplified Chinese text.")),
});

export const PurposeSchema = ledgerObject({
  category: v.pipe(v.picklist(CATEGORIES), v.description("The category every entry of this purpose has.")),
  label: LocalizedTextSchema,
  description: LocalizedTextSchema,
  policyRef: v.pipe(
    Text,
    v.description("The clause of the site's policy that justifies it, e.g. `Part 3 §III`."),
  ),
});

export const ProviderSchema = ledgerObject({
  name: Text,
  url: v.optional(HttpUrl),
});

export const EntrySchema = ledgerObject({
  kind: v.pipe(v.picklist(STORAGE_KINDS), v.description("Which storage mechanism holds the item.")),
  name: v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(MAX_NAME_LENGTH),
    v.description("Exact name, or a glob where `*` matches any run of characters; `\\*` is a literal star."),
  ),
  domain: v.optional(
    v.pipe(
      Text,
      v.description("Host or domain; matches it and every subdomain. Absent: any host of `properties`."),
    ),
  ),
  path: v.optional(
    v.pipe(v.string(), v.startsWith("/"), v.description("Cookie path (cookies only). Absent: any path.")),
  ),
  partitioned: v.optional(v.pipe(v.boolean(), v.description("Set with CHIPS `Partitioned` (cookies only)."))),
  category: v.optional(
    v.pipe(
      v.picklist(CATEGORIES),
      v.description("Required unless `purpose` supplies it; must agree with it."),
    ),
  ),
  purpose: v.optional(v.pipe(Text, v.description("An id of `purposes`."))),
  provider: v.optional(ProviderSchema),
  maxAgeSeconds: v.optional(
    v.nullable(
      v.pipe(v.number(), v.integer(), v.minValue(0), v.description("Declared retention; `null` = session.")),
    ),
  ),
  dataCategories: v.optional(v.array(v.picklist(DATA_CATEGORIES))),
  source: v.optional(
    v.pipe(v.picklist(SOURCES), v.description("Where the classification comes from (default `site`).")),
  ),
  url: v.optional(
    v.pipe(HttpUrl, v.description("Documentation of the item (required reading for `vendor-doc`).")),
  ),
  description: v.optional(LocalizedTextSchema),
});

export const SiteSchema = ledgerObject({
  name: Text,
  policy: ledgerObject({
    url: HttpUrl,
    updated: v.pipe(Text, v.description("When the policy was last updated, e.g. `2021-11-01`.")),
  }),
});

export const RegistrySchema = ledgerObject({
  $schema: v.optional(v.pipe(v.string(), v.description("JSON Schema reference, for editors."))),
  format: v.literal(REGISTRY_FORMAT),
  revision: v.pipe(
    Text,
    v.description("Changes whenever the declaration changes; a new one asks consent again."),
  ),
  site: SiteSchema,
  properties: v.pipe(
    v.array(Text),
    v.minLength(1),
    v.description("Registrable domains or hosts the registry covers."),
  ),
  purposes: v.record(v.pipe(v.string(), v.regex(PURPOSE_ID_PATTERN)), PurposeSchema),
  entries: v.array(EntrySchema),
});

export type StorageKind = (typeof STORAGE_KINDS)[number];
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export type ClassificationSource = (typeof SOURCES)[number];
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>;
export type Purpose = v.InferOutput<typeof PurposeSchema>;
export type RegistryEntry = v.InferOutput<typeof EntrySchema>;
export type Registry = v.InferOutput<typeof RegistrySchema>;
