import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  JSON_SCHEMA_PATH,
  registryJsonSchema,
  registryJsonSchemaText,
} from "../../shared/registry/json-schema.ts";

const root = new URL("../../", import.meta.url);

describe("registry JSON Schema", () => {
  it("is checked in and up to date (run `npm run gen:schema` when this fails)", () => {
    const checkedIn = readFileSync(new URL(JSON_SCHEMA_PATH, root), "utf8");
    expect(checkedIn).toBe(registryJsonSchemaText());
  });

  it("closes every object to typos but opens it to x- keys", () => {
    // biome-ignore lint/suspicious/noExplicitAny: reading into a generated schema.
    const schema = registryJsonSchema() as any;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.patternProperties).toEqual({ "^x-": {} });
    const entry = schema.$defs.Entry;
    expect(entry.additionalProperties).toBe(false);
    expect(entry.properties.name.maxLength).toBe(4096);
    expect(entry.anyOf).toEqual([{ required: ["category"] }, { required: ["purpose"] }]);
    expect(schema.properties.purposes.propertyNames.pattern).toBeTypeOf("string");
  });

  it("is what the bundled registry points its $schema at", () => {
    const registry = JSON.parse(readFileSync(new URL("shared/registries/dingtalk.json", root), "utf8"));
    const target = new URL(registry.$schema, new URL("shared/registries/dingtalk.json", root));
    expect(target.href).toBe(new URL(JSON_SCHEMA_PATH, root).href);
  });
});
