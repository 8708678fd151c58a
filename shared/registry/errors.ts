import type * as v from "valibot";

/** One problem in a registry: where (JSON pointer, and line/column when loaded from text), what was expected, what was found. */
export interface RegistryIssue {
  /** RFC 6901 JSON pointer, e.g. `/entries/3/category`; `""` is the whole document. */
  pointer: string;
  expected: string;
  found: string;
  /** One line, English, without the pointer. */
  message: string;
  line?: number;
  column?: number;
}

export type PointerSegment = string | number;

export function encodePointer(segments: readonly PointerSegment[]): string {
  let pointer = "";
  for (const segment of segments) pointer += `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`;
  return pointer;
}

/** A short rendering of a found value for messages. */
export function describeFound(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…"` : text;
}

export function makeIssue(pointer: string, expected: string, found: string, message?: string): RegistryIssue {
  return { pointer, expected, found, message: message ?? `expected ${expected}, found ${found}` };
}

function lengthOf(input: unknown): string {
  return Array.isArray(input) ? `${input.length} items` : `${String(input).length} characters`;
}

/** Turns one valibot issue into ours, rewording the terse ones. */
export function issueFromValibot(issue: v.BaseIssue<unknown>): RegistryIssue {
  const path = issue.path ?? [];
  const pointer = encodePointer(path.map((item) => item.key as PointerSegment));
  const last = path[path.length - 1];
  const found = issue.received;
  switch (issue.type) {
    case "raw_check":
      return makeIssue(pointer, issue.expected ?? "", found, issue.message);
    case "loose_object":
    case "object":
    case "strict_object":
      if (last?.origin === "key" && issue.input === undefined) {
        return makeIssue(pointer, `required key "${String(last.key)}"`, "nothing", "missing required key");
      }
      return makeIssue(pointer, "an object", describeFound(issue.input));
    case "max_length":
      return makeIssue(
        pointer,
        `at most ${issue.requirement} ${Array.isArray(issue.input) ? "items" : "characters"}`,
        lengthOf(issue.input),
      );
    case "min_length":
      return makeIssue(
        pointer,
        Array.isArray(issue.input) ? `at least ${issue.requirement} item(s)` : "a non-empty string",
        Array.isArray(issue.input) ? lengthOf(issue.input) : describeFound(issue.input),
      );
    case "url":
      return makeIssue(pointer, "an absolute URL", describeFound(issue.input));
    case "regex":
      return makeIssue(pointer, `text matching ${issue.expected}`, describeFound(issue.input));
    case "starts_with":
      return makeIssue(pointer, `text starting with ${issue.expected?.replace(/^"|"$/g, "") ?? ""}`, found);
    case "integer":
      return makeIssue(pointer, "a whole number", found);
    case "min_value":
      return makeIssue(pointer, `a number ${issue.expected}`, found);
    case "array":
      return makeIssue(pointer, "an array", describeFound(issue.input));
    case "record":
      return makeIssue(pointer, "an object", describeFound(issue.input));
    default:
      return makeIssue(
        pointer,
        issue.expected ?? issue.type,
        issue.kind === "schema" ? describeFound(issue.input) : found,
      );
  }
}

/**
 * valibot's object schemas accept arrays (an array is an object), then report every key as
 * missing. Each such place becomes one "expected an object, found an array" issue.
 */
export function issuesFromValibot(issues: readonly v.BaseIssue<unknown>[]): RegistryIssue[] {
  const arrayPlaces = new Map<string, RegistryIssue>();
  for (const issue of issues) {
    const path = issue.path ?? [];
    const at = path.findIndex((item) => item.type === "object" && Array.isArray(item.input));
    if (at === -1) continue;
    const pointer = encodePointer(path.slice(0, at).map((item) => item.key as PointerSegment));
    arrayPlaces.set(pointer, makeIssue(pointer, "an object", describeFound(path[at]!.input)));
  }
  const underArray = (pointer: string) =>
    [...arrayPlaces.keys()].some((place) => pointer === place || pointer.startsWith(`${place}/`));
  const converted = issues.map(issueFromValibot).filter((issue) => !underArray(issue.pointer));
  return [...converted, ...arrayPlaces.values()];
}

/** Document order without the text: segment by segment, array indices numerically. */
export function comparePointers(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!;
    const y = right[i]!;
    if (x === y) continue;
    const isIndex = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (isIndex) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** `file:line:column /pointer: message (expected …, found …)` — one line, for people. */
export function formatIssue(issue: RegistryIssue, file?: string): string {
  const where = [file, issue.line, issue.column].filter((part) => part !== undefined).join(":");
  const pointer = issue.pointer === "" ? "(document)" : issue.pointer;
  const detail =
    issue.message.startsWith("expected ") || issue.found === "nothing"
      ? issue.message
      : `${issue.message} (expected ${issue.expected}, found ${issue.found})`;
  return `${where ? `${where}: ` : ""}${pointer}: ${detail}`;
}
