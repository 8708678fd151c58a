import { comparePointers, makeIssue, type RegistryIssue } from "./errors.ts";
import { lineColumnFinder, scanJson } from "./json-scan.ts";

const BYTE_ORDER_MARK = "\uFEFF";

export type ParsedJson = { ok: true; value: unknown; text: string } | { ok: false; issue: RegistryIssue };

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
  return { ...makeIssue("", "valid JSON", found, `JSON syntax error: ${summary}`), line, column };
}

/** Parses JSON text (a UTF-8 byte-order mark is accepted); a syntax error comes with line and column. */
export function parseJsonText(input: string): ParsedJson {
  const text = input.startsWith(BYTE_ORDER_MARK) ? input.slice(1) : input;
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (error) {
    return { ok: false, issue: syntaxIssue(text, error) };
  }
}

/** Adds line and column to each issue (a missing key points at its parent), ordered as the text is. */
export function placeIssuesInText(text: string, issues: readonly RegistryIssue[]): RegistryIssue[] {
  const wanted = new Set<string>();
  for (const issue of issues) {
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

/** Orders issues for a document that came without text. */
export function sortIssues(issues: readonly RegistryIssue[]): RegistryIssue[] {
  return [...issues].sort((a, b) => comparePointers(a.pointer, b.pointer));
}
