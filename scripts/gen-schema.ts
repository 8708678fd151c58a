// `npm run gen:schema`: writes the registry JSON Schema generated from the valibot schema.
// test/unit/registry-json-schema.test.ts fails when the checked-in file is stale.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { JSON_SCHEMA_PATH, registryJsonSchemaText } from "../shared/registry/json-schema.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
writeFileSync(join(root, JSON_SCHEMA_PATH), registryJsonSchemaText());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
