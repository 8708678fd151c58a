import { type JsonSchema, toJsonSchema } from "@valibot/to-json-schema";
import {
  EntrySchema,
  LocalizedTextSchema,
  ProviderSchema,
  PurposeSchema,
  REGISTRY_FORMAT,
  RegistrySchema,
} from "./schema.ts";

/** Where the generated schema is checked in, relative to the repository root. */
export const JSON_SCHEMA_PATH = "shared/registry/cookie-ledger.schema.json";

/**
 * What JSON Schema can say of the rules checks.ts enforces: an entry needs `category` or
 * `purpose`, and `path`/`partitioned` belong to cookies only. (Duplicates and purpose
 * references are checked by `cookie-ledger validate` only.)
 */
const ENTRY_RULES: JsonSchema = {
  anyOf: [{ required: ["category"] }, { required: ["purpose"] }],
  if: { properties: { kind: { not: { const: "cookie" } } }, required: ["kind"] },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's own if/then keyword.
  then: { not: { anyOf: [{ required: ["path"] }, { required: ["partitioned"] }] } },
};

/** The registry format as JSON Schema (draft-07), so editors validate and autocomplete registries. */
export function registryJsonSchema(): JsonSchema {
  const generated = toJsonSchema(RegistrySchema, {
    typeMode: "input",
    // Unknown-key checks are expressed below as patternProperties + additionalProperties.
    ignoreActions: ["raw_check"],
    definitions: {
      LocalizedText: LocalizedTextSchema,
      Provider: ProviderSchema,
      Purpose: PurposeSchema,
      Entry: EntrySchema,
    },
    overrideSchema({ valibotSchema, jsonSchema }) {
      if (valibotSchema.type !== "loose_object") return undefined;
      const closed: JsonSchema = {
        ...jsonSchema,
        patternProperties: { "^x-": {} },
        additionalProperties: false,
      };
      const isEntry = valibotSchema === EntrySchema || valibotSchema === EntrySchema.pipe[0];
      return isEntry ? { ...closed, ...ENTRY_RULES } : closed;
    },
  });
  const { $schema, ...rest } = generated;
  return {
    $schema: $schema ?? "http://json-schema.org/draft-07/schema#",
    $id: "https://cookie-ledger.dev/schema/cookie-ledger-1.json",
    title: `Cookie Ledger registry (${REGISTRY_FORMAT})`,
    description:
      "Every cookie, web storage key, IndexedDB database and Cache Storage cache a site stores, with its category and purpose. Keys starting with `x-` are extensions. See docs/registry.md.",
    ...rest,
  };
}

/** The checked-in file's exact text. */
export function registryJsonSchemaText(): string {
  return `${JSON.stringify(registryJsonSchema(), null, 2)}\n`;
}
