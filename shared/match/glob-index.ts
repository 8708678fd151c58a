/**
 * An index of globs by their anchored literals, so that matching one name visits only the globs that can
 * match it rather than every glob of the registry.
 *
 * - A glob whose leading literal (before the first star) is at least as long as its trailing literal
 *   goes into a character trie of prefixes; a name walks the trie along its own characters and meets
 *   exactly the globs whose prefix it starts with.
 * - Otherwise, a glob with a trailing literal goes into a trie of reversed suffixes, walked from the
 *   name's end.
 * - A glob with neither (`*`, `*x*`) goes into a scan list that every name visits (rare in practice).
 *
 * The walk costs O(length of the longest indexed literal) per name plus the candidates it meets.
 */

/**
 * A radix (path-compressed) trie node: `label` is the literal on the edge leading here, keyed in the
 * parent by its first character code. Branching happens only where literals diverge, so a walk costs one
 * Map lookup per branching point plus a `startsWith` per edge.
 */
interface TrieNode<T> {
  label: string;
  children: Map<number, TrieNode<T>> | undefined;
  items: T[] | undefined;
}

function newNode<T>(label: string): TrieNode<T> {
  return { label, children: undefined, items: undefined };
}

export interface Anchored {
  /** Literal before the first star. */
  readonly prefix: string;
  /** Literal after the last star. */
  readonly suffix: string;
}

export class GlobIndex<T extends Anchored> {
  private readonly prefixes: TrieNode<T> = newNode("");
  /** Suffixes are stored reversed, so that the name is walked from its end. */
  private readonly suffixes: TrieNode<T> = newNode("");
  private readonly scan: T[] = [];
  private hasPrefixes = false;
  private hasSuffixes = false;

  add(item: T): void {
    const { prefix, suffix } = item;
    if (prefix.length === 0 && suffix.length === 0) {
      this.scan.push(item);
    } else if (prefix.length >= suffix.length) {
      this.hasPrefixes = true;
      insert(this.prefixes, prefix, item);
    } else {
      this.hasSuffixes = true;
      insert(this.suffixes, reverse(suffix), item);
    }
  }

  /** Appends to `out` every glob whose anchored literal the name carries (a superset of the matches). */
  collect(name: string, out: T[]): void {
    if (this.hasPrefixes) {
      let node = this.prefixes;
      let i = 0;
      while (i < name.length) {
        const child = node.children?.get(name.charCodeAt(i));
        if (child === undefined || !name.startsWith(child.label, i)) break;
        i += child.label.length;
        node = child;
        if (node.items !== undefined) for (const item of node.items) out.push(item);
      }
    }
    if (this.hasSuffixes) {
      let node = this.suffixes;
      let end = name.length; // name[0, end) is still unread
      while (end > 0) {
        const child = node.children?.get(name.charCodeAt(end - 1));
        if (child === undefined || !endsWithReversed(name, end, child.label)) break;
        end -= child.label.length;
        node = child;
        if (node.items !== undefined) for (const item of node.items) out.push(item);
      }
    }
    // Last: anchored candidates usually carry more literal characters, so a caller that keeps the best
    // so far can skip these by rank without testing them.
    for (const item of this.scan) out.push(item);
  }
}

function reverse(s: string): string {
  let r = "";
  for (let i = s.length - 1; i >= 0; i--) r += s[i];
  return r;
}

/** Whether `name[0, end)` ends with the reverse of `reversedLabel`. */
function endsWithReversed(name: string, end: number, reversedLabel: string): boolean {
  if (reversedLabel.length > end) return false;
  for (let k = 0; k < reversedLabel.length; k++) {
    if (name.charCodeAt(end - 1 - k) !== reversedLabel.charCodeAt(k)) return false;
  }
  return true;
}

/** Inserts `item` under `literal`, splitting an edge where the literal diverges from it or ends inside it. */
function insert<T>(root: TrieNode<T>, literal: string, item: T): void {
  let node = root;
  let i = 0;
  while (i < literal.length) {
    node.children ??= new Map();
    const code = literal.charCodeAt(i);
    const child = node.children.get(code);
    if (child === undefined) {
      const leaf = newNode<T>(literal.slice(i));
      node.children.set(code, leaf);
      node = leaf;
      i = literal.length;
      break;
    }
    // Length of the common part of the edge label and the rest of the literal.
    let common = 0;
    const max = Math.min(child.label.length, literal.length - i);
    while (common < max && child.label.charCodeAt(common) === literal.charCodeAt(i + common)) common++;
    if (common < child.label.length) {
      // Split the edge: node → mid (common part) → child (the remainder of its label).
      const mid = newNode<T>(child.label.slice(0, common));
      child.label = child.label.slice(common);
      mid.children = new Map([[child.label.charCodeAt(0), child]]);
      node.children.set(code, mid);
      node = mid;
    } else {
      node = child;
    }
    i += common;
  }
  node.items ??= [];
  node.items.push(item);
}
