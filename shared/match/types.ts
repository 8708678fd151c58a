import type { Category } from "../categories.ts";
import type { ObservedItem } from "../model.ts";
import type { RegistryEntry } from "../registry/schema.ts";

/** What a matcher needs of an observed item. */
export type MatchQuery = Pick<ObservedItem, "kind" | "name" | "domain" | "origin" | "path" | "partitionKey">;

export interface MatchResult {
  entry: RegistryEntry;
  /** Index of the entry in the registry's `entries`. */
  index: number;
  /** The entry's category, or its purpose's. */
  category: Category;
}

/** A registry compiled for fast lookups (shared/match/compile.ts). */
export interface Matcher {
  match(item: MatchQuery): MatchResult | undefined;
}
