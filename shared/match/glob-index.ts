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

interface TrieNode<T> {
  children: Map<number, TrieNode<T>> | undefined;
  items: T[] | undefined;
}

function newNode<T>(): TrieNode<T> {
  return { children: undefined, items: undefined };
}

export interface Anchored {
  /** Literal before the first star. */
  readonly prefix: string;
  /** Literal after the last star. */
  readonly suffix: string;
}

export class GlobIndex<T extends Anchored> {
  private readonly prefixes: TrieNode<T> = newNode();
  private readonly suffixes: TrieNode<T> = newNode();
  private readonly scan: T[] = [];
  private hasPrefixes = false;
  private hasSuffixes = false;

  add(item: T): void {
    const { prefix, suffix } = item;
    if (prefix.length === 0 && suffix.length === 0) {
      this.scan.push(item);
    } else if (prefix.length >= suffix.length) {
      this.hasPrefixes = true;
      insert(this.prefixes, prefix, false, item);
    } else {
      this.hasSuffixes = true;
      insert(this.suffixes, suffix, true, item);
    }
  }

  /** Calls `visit` for every glob whose anchored literal the name carries (a superset of the matches). */
  forEachCandidate(name: string, visit: (item: T) => void): void {
    for (const item of this.scan) visit(item);
    if (this.hasPrefixes) {
      let node: TrieNode<T> | undefined = this.prefixes;
      for (let i = 0; i < name.length; i++) {
        node = node.children?.get(name.charCodeAt(i));
        if (node === undefined) break;
        if (node.items !== undefined) for (const item of node.items) visit(item);
      }
    }
    if (this.hasSuffixes) {
      let node: TrieNode<T> | undefined = this.suffixes;
      for (let i = name.length - 1; i >= 0; i--) {
        node = node.children?.get(name.charCodeAt(i));
        if (node === undefined) break;
        if (node.items !== undefined) for (const item of node.items) visit(item);
      }
    }
  }
}

function insert<T>(root: TrieNode<T>, literal: string, reversed: boolean, item: T): void {
  let node = root;
  for (let k = 0; k < literal.length; k++) {
    const code = literal.charCodeAt(reversed ? literal.length - 1 - k : k);
    node.children ??= new Map();
    let child = node.children.get(code);
    if (child === undefined) {
      child = newNode();
      node.children.set(code, child);
    }
    node = child;
  }
  node.items ??= [];
  node.items.push(item);
}
