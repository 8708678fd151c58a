import * as v from "valibot";
import { CATEGORIES } from "../categories.ts";

/** Registry format `cookie-ledger/1` (DESIGN.md, "Registry"). */
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

const Text = v.pipe(v.string(), v.minLength(1));
export const LocalizedTextSchema = v.strictObject({ en: Text, "zh-CN": Text });

export const PurposeSchema = v.strictObject({
  category: v.picklist(CATEGORIES),
  label: LocalizedTextSchema,
  description: LocalizedTextSchema,
  policyRef: Text,
});

export const ProviderSchema = v.strictObject({ name: Text, url: v.optional(v.pipe(v.string(), v.url())) });

export const EntrySchema = v.strictObject({
  kind: v.picklist(STORAGE_KINDS),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  domain: v.optional(Text),
  path: v.optional(v.pipe(v.string(), v.startsWith("/"))),
  partitioned: v.optional(v.boolean()),
  category: v.optional(v.picklist(CATEGORIES)),
  purpose: v.optional(Text),
  provider: v.optional(ProviderSchema),
  maxAgeSeconds: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)))),
  dataCategories: v.optional(v.array(v.picklist(DATA_CATEGORIES))),
  source: v.optional(v.picklist(SOURCES)),
  url: v.optional(v.pipe(v.string(), v.url())),
  description: v.optional(LocalizedTextSchema),
});

export const RegistrySchema = v.strictObject({
  $schema: v.optional(v.string()),
  format: v.literal(REGISTRY_FORMAT),
  revision: Text,
  site: v.strictObject({
    name: Text,
    policy: v.strictObject({ url: v.pipe(v.string(), v.url()), updated: Text }),
  }),
  properties: v.pipe(v.array(Text), v.minLength(1)),
  purposes: v.record(Text, PurposeSchema),
  entries: v.array(EntrySchema),
});

export type StorageKind = (typeof STORAGE_KINDS)[number];
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export type ClassificationSource = (typeof SOURCES)[number];
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>;
export type Purpose = v.InferOutput<typeof PurposeSchema>;
export type RegistryEntry = v.InferOutput<typeof EntrySchema>;
export type Registry = v.InferOutput<typeof RegistrySchema>;
