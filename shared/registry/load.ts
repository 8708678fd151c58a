import * as v from "valibot";
import { registryRuleIssues } from "./checks.ts";
import { comparePointers, issuesFromValibot, makeIssue, type RegistryIssue } from "./errors.ts";
import { lineColumnFinder, scanJson } from "./json-scan.ts";
import { type Registry, RegistrySchema } from "./schema.ts";

export type { RegistryIssue } from "./errors.ts";

export type LoadResult = { ok: true; registry: Registry } | { ok: false; errors: RegistryIssue[] };

const BYTE_ORDER_MARK = "\uFEFF";

function syntaxIssue(text: string, error: unknown): RegistryIssue {
  const reason = error instanceof Error ? error.message : String(error);
  const stated = /at position (\d+)/.exec(reason);
  const offset = stated ? Number(stated[1]) : (scanJson(text).errorOffset ?? text.length);
  const { line, column } = lineColumnFinder(text)(offset);
  const found = offset >= text.length ? "end of input" : JSON.stringify(text.slice(offset, offset + 12));
  // V8 appends the position (and sometimes the whole text); we give our own.
  const summary = /^Unexpected token/.test(reason)
    ? "Unexpected character"
    : reason.replace(/ at position \d+.*$/s, "").replace(/ in JSON$/, "");
  return {
    ...makeIssue("", "valid JSON", found, `JSON syntax error: ${summary}`),
    line,
    column,
  };
}

/** Adds line and column to each issue whose pointer can be found in the text, then orders them as the text does. */
function placeInText(text: string, issues: RegistryIssue[]): RegistryIssue[] {
  const wanted = new Set<string>();
  for (const issue of issues) {
    // A missing key has no text of its own: point at its parent instead.
    for (let pointer = issue.pointer; ; pointer = pointer.slice(0, pointer.lastIndexOf("/"))) {
      wanted.add(pointer);
      if (pointer === "") break;
    }
  }
  const { offsets } = scanJson(text, wanted);
  const position = lineColumnFinder(text);
  const placed = issues.map((issue) => {
    let pointer = issue.pointer;
    while (!offsets.has(pointer) && pointer !== "") pointer = pointer.slice(0, pointer.lastIndexOf("/"));
    const offset = offsets.get(pointer) ?? 0;
    return { issue: { ...issue, ...position(offset) }, offset };
  });
  placed.sort((a, b) => a.offset - b.offset || comparePointers(a.issue.pointer, b.issue.pointer));
  return placed.map((p) => p.issue);
}

/**
 * Validates a registry, given as JSON text (a UTF-8 byte-order mark is accepted) or as an
 * already parsed value. Returns the registry, or every problem found — never throws for bad input.
 */
export function loadRegistry(input: unknown): LoadResult {
  let text: string | undefined;
  let document: unknown = input;
  if (typeof input === "string") {
    text = input.startsWith(BYTE_ORDER_MARK) ? input.slice(1) : input;
    try {
      document = JSON.parse(text);
    } catch (error) {
      return { ok: false, errors: [syntaxIssue(text, error)] };
    }
  }
  const parsed = v.safeParse(RegistrySchema, document);
  const errors = [...issuesFromValibot(parsed.issues ?? []), ...registryRuleIssues(document)];
  if (parsed.success && errors.length === 0) return { ok: true, registry: parsed.output };
  if (text !== undefined) return { ok: false, errors: placeInText(text, errors) };
  return { ok: false, errors: errors.sort((a, b) => comparePointers(a.pointer, b.pointer)) };
}
