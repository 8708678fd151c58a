import * as v from "valibot";
import { registryRuleIssues } from "./checks.ts";
import { issuesFromValibot, type RegistryIssue } from "./errors.ts";
import { parseJsonText, placeIssuesInText, sortIssues } from "./json-text.ts";
import { type Registry, RegistrySchema } from "./schema.ts";

export type { RegistryIssue } from "./errors.ts";

export type LoadResult = { ok: true; registry: Registry } | { ok: false; errors: RegistryIssue[] };

/**
 * Validates a registry, given as JSON text (a UTF-8 byte-order mark is accepted) or as an
 * already parsed value. Returns the registry, or every problem found, in document order —
 * never throws for bad input.
 */
export function loadRegistry(input: unknown): LoadResult {
  let text: string | undefined;
  let document: unknown = input;
  if (typeof input === "string") {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return { ok: false, errors: [parsed.issue] };
    ({ text, value: document } = parsed);
  }
  const parsed = v.safeParse(RegistrySchema, document);
  const errors = [...issuesFromValibot(parsed.issues ?? []), ...registryRuleIssues(document)];
  if (parsed.success && errors.length === 0) return { ok: true, registry: parsed.output };
  return { ok: false, errors: text === undefined ? sortIssues(errors) : placeIssuesInText(text, errors) };
}
