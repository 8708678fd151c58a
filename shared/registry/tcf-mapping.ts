import { CATEGORIES, type Category } from "../categories.ts";
import type { DataCategory } from "./schema.ts";

/**
 * IAB TCF v2.2 purposes, special purposes and special features ↔ our categories.
 * docs/registry.md ("TCF mapping") explains each choice.
 */

/** TCF purpose id → the category it implies; purpose 1 (storage itself) implies none. */
export const TCF_PURPOSE_CATEGORY: Readonly<Record<number, Category | undefined>> = {
  1: undefined, // Store and/or access information on a device
  2: "marketing", // Use limited data to select advertising
  3: "marketing", // Create profiles for personalised advertising
  4: "marketing", // Use profiles to select personalised advertising
  5: "functional", // Create profiles to personalise content
  6: "functional", // Use profiles to select personalised content
  7: "marketing", // Measure advertising performance
  8: "analytics", // Measure content performance
  9: "analytics", // Understand audiences through statistics or combinations of data from different sources
  10: "analytics", // Develop and improve services
  11: "functional", // Use limited data to select content
};

export const TCF_PURPOSE_IDS = Object.keys(TCF_PURPOSE_CATEGORY).map(Number);

/** Special purposes (1 security/fraud/errors, 2 technical delivery, 3 privacy choices): all `necessary`. */
export const TCF_SPECIAL_PURPOSE_IDS = [1, 2, 3];

/** Special features → what the stored value holds. */
export const TCF_SPECIAL_FEATURE_DATA: Readonly<Record<number, DataCategory>> = {
  1: "location", // Use precise geolocation data
  2: "device", // Actively scan device characteristics for identification
};

/** What we export for each category; importing these gives the category back. */
export const TCF_PURPOSES_FOR_CATEGORY: Readonly<
  Record<Category, { purposes: number[]; specialPurposes?: number[] }>
> = {
  necessary: { purposes: [1], specialPurposes: [1, 2] },
  functional: { purposes: [1] },
  analytics: { purposes: [1, 8, 9, 10] },
  marketing: { purposes: [1, 2, 3, 4, 7] },
};

/**
 * The category of a disclosure: the most demanding its purposes imply (marketing > analytics >
 * functional). Purpose 1 alone is `functional` — blockable — unless special purposes declare the
 * storage strictly necessary.
 */
export function categoryFromTcf(
  purposes: readonly number[],
  specialPurposes: readonly number[] = [],
): Category {
  let rank = -1;
  for (const id of purposes) {
    const category = TCF_PURPOSE_CATEGORY[id];
    if (category) rank = Math.max(rank, CATEGORIES.indexOf(category));
  }
  if (rank >= 0) return CATEGORIES[rank]!;
  return specialPurposes.length > 0 ? "necessary" : "functional";
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const sorted = (ids: readonly number[]) => [...new Set(ids)].sort((x, y) => x - y).join(",");
  return sorted(a) === sorted(b);
}

/** Whether exporting `category` would reproduce these purposes exactly. */
export function isCanonicalTcf(
  category: Category,
  purposes: readonly number[],
  specialPurposes: readonly number[] = [],
): boolean {
  const canonical = TCF_PURPOSES_FOR_CATEGORY[category];
  return sameIds(canonical.purposes, purposes) && sameIds(canonical.specialPurposes ?? [], specialPurposes);
}
