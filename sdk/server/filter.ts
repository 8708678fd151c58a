/**
 * `filterSetCookie`: drops the Set-Cookie values of categories the request's consent cookie does not grant,
 * before they reach the browser. The only way to keep HttpOnly cookies consent-bound: no page script can
 * reach them once stored. Never throws on header contents: what it cannot parse passes through and is
 * reported.
 */

import type { Category } from "../../shared/categories.ts";
import { parseCookieString } from "../../shared/cookies/parse.ts";
import { parseSetCookie } from "../../shared/cookies/write.ts";
import { compileMatcher } from "../../shared/match/compile.ts";
import { hostFromOrigin } from "../../shared/match/domain.ts";
import type { MatchQuery } from "../../shared/match/types.ts";
import type { Registry } from "../../shared/registry/schema.ts";
import type { ConsentRecord } from "../types.ts";
import { CONSENT_COOKIE, granted, readConsent } from "./consent.ts";

export interface FilterOptions {
  /**
   * URL of the request the response answers. Host-only cookies are classified by its host; without it
   * they match only entries that declare no `domain`. The scheme is ignored (a server behind a TLS proxy
   * often sees `http:`).
   */
  url?: string | URL;
  /** Undeclared cookies: `allow` (default, like the SDK) or `block`. */
  policy?: "allow" | "block";
  /** Epoch ms, for deciding whether a value deletes a cookie (default `Date.now()`). */
  now?: number;
}

export interface RemovedCookie {
  header: string;
  name: string;
  /** `undefined` for an undeclared cookie removed by `policy: "block"`. */
  category?: Category;
  reason: "no-consent" | "undeclared";
}

export interface MalformedCookie {
  header: string;
  /** Why it could not be read: `control-character`, `empty`, `too-large` or `not-a-string`. */
  reason: string;
}

export interface FilterResult {
  /** The Set-Cookie values to send, in their original order. */
  headers: string[];
  removed: RemovedCookie[];
  /** Passed through unchanged. */
  malformed: MalformedCookie[];
  /** The decision that was applied (`undefined` = no valid decision: only `necessary` passes). */
  consent?: ConsentRecord;
}

export type SetCookieFilter = (
  setCookieHeaders: string | readonly string[] | null | undefined,
  consentCookieValue: string | null | undefined,
  options?: FilterOptions,
) => FilterResult;

/** Compiles the registry once; the returned function filters any number of responses. */
export function createSetCookieFilter(registry: Registry, defaults: FilterOptions = {}): SetCookieFilter {
  const matcher = compileMatcher(registry);
  return (input, consentValue, options) => {
    const o = { ...defaults, ...options };
    const now = o.now ?? Date.now();
    const target = requestTarget(o.url);
    const consent = readConsent(consentValue, registry);
    const out: FilterResult = { headers: [], removed: [], malformed: [], consent };
    const list: readonly unknown[] = input == null ? [] : typeof input === "string" ? [input] : input;
    for (const header of list) {
      if (typeof header !== "string") {
        out.malformed.push({ header: String(header), reason: "not-a-string" });
        continue;
      }
      const cookie = describe(header, target, now);
      if (typeof cookie === "string") {
        out.malformed.push({ header, reason: cookie });
        out.headers.push(header);
        continue;
      }
      const name = cookie.query.name;
      // Deleting a cookie is always allowed (it stores nothing); the consent record itself is necessary, as
      // in the SDK core, whether or not the registry declares it.
      const category =
        cookie.deletes || name === CONSENT_COOKIE ? "necessary" : matcher.match(cookie.query)?.category;
      if (category === undefined && o.policy === "block")
        out.removed.push({ header, name, reason: "undeclared" });
      else if (category !== undefined && !granted(consent, category))
        out.removed.push({ header, name, category, reason: "no-consent" });
      else out.headers.push(header);
    }
    return out;
  };
}

/**
 * Filters one response's Set-Cookie values. `registry` is compiled on each call: for a server, build the
 * filter once with `createSetCookieFilter(registry)`.
 */
export function filterSetCookie(
  setCookieHeaders: string | readonly string[] | null | undefined,
  consentCookieValue: string | null | undefined,
  registry: Registry,
  options?: FilterOptions,
): FilterResult {
  return createSetCookieFilter(registry)(setCookieHeaders, consentCookieValue, options);
}

interface Target {
  host: string;
  /** `https://host/path`: the browser's view of the request. */
  url: string;
}

function requestTarget(url: string | URL | undefined): Target | undefined {
  if (url === undefined) return undefined;
  const text = String(url);
  const host = hostFromOrigin(text);
  if (!host) return undefined;
  const rest = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  return { host, url: `https://${host}${rest.startsWith("/") ? rest : `/${rest}`}` };
}

interface Described {
  query: MatchQuery;
  deletes: boolean;
}

/** What a Set-Cookie value stores, as the matcher needs it; a failure reason when it cannot be read. */
function describe(header: string, target: Target | undefined, now: number): Described | string {
  const parsed = parseCookieString(header);
  if (typeof parsed === "string") return parsed;
  if (target) {
    const write = parseSetCookie(header, { url: target.url, now });
    // A value the browser would reject for its attributes (domain mismatch, prefixes) is still classified
    // by its name below: the request URL a server sees may not be the browser's.
    if (write.status !== "rejected") {
      const { name, domain, path, partitionKey } = write.item;
      return {
        query: { kind: "cookie", name, domain, path, partitionKey },
        deletes: write.status === "delete",
      };
    }
  }
  const expiry = parsed.maxAge !== undefined ? (parsed.maxAge <= 0 ? 0 : Infinity) : parsed.expires;
  return {
    query: {
      kind: "cookie",
      name: parsed.name,
      domain: parsed.domain ?? target?.host,
      path: parsed.path ?? "/",
      partitionKey: parsed.partitioned ? "partitioned" : undefined,
    },
    deletes: expiry !== undefined && expiry <= now,
  };
}
