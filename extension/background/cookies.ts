import type { Cookies } from "webextension-polyfill";
import type { ObservedItem } from "../../shared/model.ts";

/** The part of `browser.cookies` this module needs (a fake in unit tests and benchmarks). */
export type CookieApi = Pick<Cookies.Static, "getAll" | "remove">;

const SAME_SITE: Record<string, ObservedItem["sameSite"]> = {
  no_restriction: "None",
  lax: "Lax",
  strict: "Strict",
};

/** A browser cookie as an observed item of the shared model. */
export function cookieToItem(c: Cookies.Cookie): ObservedItem {
  return {
    kind: "cookie",
    name: c.name,
    domain: c.domain.replace(/^\./, ""),
    hostOnly: c.hostOnly,
    path: c.path,
    partitionKey: c.partitionKey?.topLevelSite,
    httpOnly: c.httpOnly,
    secure: c.secure,
    sameSite: SAME_SITE[c.sameSite],
    expires: c.session || c.expirationDate === undefined ? null : Math.round(c.expirationDate * 1000),
    size: c.name.length + c.value.length,
    // HttpOnly cookies can only come from a response; for others only the page's SDK can tell.
    setBy: c.httpOnly ? "http" : "unknown",
  };
}

/** Identity of a cookie in the jar: store, partition, domain (with host-only flag), path, name. */
export function cookieIdentity(c: Cookies.Cookie): string {
  return [
    c.storeId,
    c.partitionKey?.topLevelSite ?? "",
    c.hostOnly ? "" : ".",
    c.domain,
    c.path,
    c.name,
  ].join("\u0000");
}

/**
 * Every cookie of the given registrable domains (and their subdomains), unpartitioned and partitioned.
 * Quirk: `getAll` without `partitionKey` misses CHIPS cookies; `partitionKey: {}` asks for all partitions.
 */
export async function readCookies(api: CookieApi, domains: readonly string[]): Promise<Cookies.Cookie[]> {
  const batches = await Promise.all(
    domains.flatMap((domain) => [api.getAll({ domain }), api.getAll({ domain, partitionKey: {} })]),
  );
  const seen = new Map<string, Cookies.Cookie>();
  for (const c of batches.flat()) seen.set(cookieIdentity(c), c);
  return [...seen.values()];
}

/** Partitioned cookies of other sites that live in partitions keyed by one of the given top-level sites. */
export async function readPartitionedUnder(
  api: CookieApi,
  topLevelSites: readonly string[],
): Promise<Cookies.Cookie[]> {
  const batches = await Promise.all(
    topLevelSites.flatMap((site) => [
      api.getAll({ partitionKey: { topLevelSite: `https://${site}` } }),
      api.getAll({ partitionKey: { topLevelSite: `http://${site}` } }),
    ]),
  );
  return batches.flat();
}

/** The URL `cookies.remove` needs to address a cookie. */
export function cookieUrl(c: Pick<Cookies.Cookie, "domain" | "path" | "secure">): string {
  return `${c.secure ? "https" : "http"}://${c.domain.replace(/^\./, "")}${c.path}`;
}

export interface RemovalOutcome {
  removed: Cookies.Cookie[];
  failed: { cookie: Cookies.Cookie; reason: string }[];
}

function removeOne(api: CookieApi, c: Cookies.Cookie, scheme?: "http" | "https") {
  const url = scheme ? cookieUrl({ ...c, secure: scheme === "https" }) : cookieUrl(c);
  const details: Cookies.RemoveDetailsType = { url, name: c.name, storeId: c.storeId };
  if (c.partitionKey) details.partitionKey = c.partitionKey;
  return api.remove(details).catch((e: unknown) => ({ error: String(e) }));
}

async function stillPresent(api: CookieApi, cookies: readonly Cookies.Cookie[]): Promise<Set<string>> {
  const names = [...new Set(cookies.map((c) => c.domain.replace(/^\./, "")))];
  const left = await readCookies(api, names);
  return new Set(left.map(cookieIdentity));
}

/**
 * Removes cookies and verifies by reading the jar again: `cookies.remove` can report success and leave
 * a cookie (notably a partitioned one addressed without its key). What survives one retry is reported.
 * Removals run concurrently in bounded batches; verification reads once per domain, not once per cookie.
 */
export async function removeCookies(
  api: CookieApi,
  cookies: readonly Cookies.Cookie[],
  concurrency = 64,
): Promise<RemovalOutcome> {
  const runAll = async (list: readonly Cookies.Cookie[], scheme?: "http" | "https") => {
    for (let i = 0; i < list.length; i += concurrency) {
      await Promise.all(list.slice(i, i + concurrency).map((c) => removeOne(api, c, scheme)));
    }
  };
  await runAll(cookies);
  let present = await stillPresent(api, cookies);
  let left = cookies.filter((c) => present.has(cookieIdentity(c)));
  if (left.length > 0) {
    // Retry with the other scheme: a cookie set over http on a host that later went https, or vice versa.
    await runAll(left, "https");
    await runAll(left, "http");
    present = await stillPresent(api, left);
    left = left.filter((c) => present.has(cookieIdentity(c)));
  }
  const leftIds = new Set(left.map(cookieIdentity));
  return {
    removed: cookies.filter((c) => !leftIds.has(cookieIdentity(c))),
    failed: left.map((cookie) => ({ cookie, reason: "still present after removal" })),
  };
}
