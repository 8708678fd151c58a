/**
 * A small JSON scanner for error reporting only: it finds the offset of the first syntax error
 * (V8's `JSON.parse` message does not always carry a position) and the offsets of the values
 * named by JSON pointers. It runs only when a document is already known to be wrong.
 */

interface PointerTrie {
  children: Map<string, PointerTrie>;
  pointer?: string;
}

export interface JsonScan {
  /** Offset of the first syntax error, if any. */
  errorOffset?: number;
  /** Offset of each wanted pointer found: an object member's key, an array item's value. */
  offsets: Map<string, number>;
}

class SyntaxStop {
  constructor(readonly offset: number) {}
}

function decodeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function buildTrie(pointers: Iterable<string>): PointerTrie {
  const root: PointerTrie = { children: new Map() };
  for (const pointer of pointers) {
    let node = root;
    if (pointer !== "") {
      for (const segment of pointer.split("/").slice(1).map(decodeSegment)) {
        let child = node.children.get(segment);
        if (!child) {
          child = { children: new Map() };
          node.children.set(segment, child);
        }
        node = child;
      }
    }
    node.pointer = pointer;
  }
  return root;
}

/** A JSON string token; a failed match points at its opening quote. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Scans `text`, recording where the `wanted` pointers are. */
export function scanJson(text: string, wanted: Iterable<string> = []): JsonScan {
  const offsets = new Map<string, number>();
  let pos = 0;

  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return;
    }
  };
  const expectChar = (char: string) => {
    if (text[pos] !== char) throw new SyntaxStop(pos);
    pos++;
  };
  const readString = (): string => {
    STRING.lastIndex = pos;
    if (!STRING.test(text)) throw new SyntaxStop(pos);
    const raw = text.slice(pos, STRING.lastIndex);
    pos = STRING.lastIndex;
    return raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };
  const readLiteral = (word: string) => {
    for (let i = 0; i < word.length; i++) {
      if (text[pos] !== word[i]) throw new SyntaxStop(pos);
      pos++;
    }
  };
  const readMembers = (node: PointerTrie | undefined) => {
    for (;;) {
      skipSpace();
      const keyOffset = pos;
      const key = readString();
      const child = node?.children.get(key);
      if (child?.pointer !== undefined && !offsets.has(child.pointer)) offsets.set(child.pointer, keyOffset);
      skipSpace();
      expectChar(":");
      readValue(child);
      skipSpace();
      if (text[pos] !== ",") break;
      pos++;
    }
    expectChar("}");
  };
  const readItems = (node: PointerTrie | undefined) => {
    for (let index = 0; ; index++) {
      skipSpace();
      const child = node?.children.get(String(index));
      if (child?.pointer !== undefined && !offsets.has(child.pointer)) offsets.set(child.pointer, pos);
      readValue(child);
      skipSpace();
      if (text[pos] !== ",") break;
      pos++;
    }
    expectChar("]");
  };
  const readValue = (node: PointerTrie | undefined): void => {
    skipSpace();
    const c = text[pos];
    if (c === "{" || c === "[") {
      pos++;
      skipSpace();
      const close = c === "{" ? "}" : "]";
      if (text[pos] === close) pos++;
      else if (c === "{") readMembers(node);
      else readItems(node);
    } else if (c === '"') readString();
    else if (c === "t") readLiteral("true");
    else if (c === "f") readLiteral("false");
    else if (c === "n") readLiteral("null");
    else {
      NUMBER.lastIndex = pos;
      if (!NUMBER.test(text)) throw new SyntaxStop(pos);
      pos = NUMBER.lastIndex;
    }
  };

  const trie = buildTrie(wanted);
  try {
    skipSpace();
    if (trie.pointer !== undefined) offsets.set(trie.pointer, pos);
    readValue(trie);
    skipSpace();
    if (pos < text.length) throw new SyntaxStop(pos);
    return { offsets };
  } catch (error) {
    if (error instanceof SyntaxStop) return { errorOffset: error.offset, offsets };
    // Nesting too deep for the call stack: no positions rather than a crash.
    return { offsets };
  }
}

/** 1-based line and column (in UTF-16 code units) of each offset. */
export function lineColumnFinder(text: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
}
