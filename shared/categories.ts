/** The four storage categories of the design. `necessary` is never blockable. */
export const CATEGORIES = ["necessary", "functional", "analytics", "marketing"] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories a person can refuse. */
export const OPTIONAL_CATEGORIES = ["functional", "analytics", "marketing"] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

export function isCategory(value: unknown): value is Category {
  return typeof value === "string" && (CATEGORIES as readonly string[]).includes(value);
}

/** Open Cookie Database category → ours (DESIGN.md, "Categories"). */
export function categoryFromOpenCookieDatabase(ocd: string): Category | undefined {
  switch (ocd.trim().toLowerCase()) {
    case "necessary":
    case "security":
      return "necessary";
    case "functional":
    case "preferences":
    case "personalization":
      return "functional";
    case "analytics":
      return "analytics";
    case "marketing":
      return "marketing";
    default:
      return undefined;
  }
}
