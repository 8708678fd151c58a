/**
 * The guard's per-site configuration and its wire form. The service worker encodes it into a
 * `Server-Timing` response header (added by a declarativeNetRequest rule on the site's documents);
 * the MAIN-world guard reads it synchronously at document_start from the navigation timing entry.
 */
export const GUARD_TIMING_NAME = "cookie-ledger";

/** Storage kinds the guard filters: cookie, localStorage, sessionStorage, IndexedDB, Cache Storage. */
export type GuardKind = "c" | "l" | "s" | "i" | "k";

export interface GuardConfig {
  v: 1;
  site: string;
  /** Blocked optional categories (informational). */
  blocked: string[];
  /** Name globs of blocked items, per kind. */
  rules: [GuardKind, string][];
}

/** JSON → UTF-8 → base64: safe inside a Server-Timing `desc` quoted string. */
export function encodeGuardConfig(config: GuardConfig): string {
  const bytes = new TextEncoder().encode(JSON.stringify(config));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function decodeGuardConfig(text: string): GuardConfig | undefined {
  try {
    const binary = atob(text);
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const config = JSON.parse(new TextDecoder().decode(bytes)) as GuardConfig;
    if (config?.v !== 1 || !Array.isArray(config.rules)) return undefined;
    return config;
  } catch {
    return undefined;
  }
}
