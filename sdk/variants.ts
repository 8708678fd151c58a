/** Where a cookie can live, as seen from a page (pure): the inputs of purging and of the consent cookie. */

/** The `properties` entry that `host` falls under (`im.dingtalk.com` → `dingtalk.com`), if any. */
export function siteOf(host: string, properties: readonly string[]): string | undefined {
  const h = host.toLowerCase();
  return properties
    .map((p) => p.toLowerCase().replace(/^\./, ""))
    .find((p) => h === p || h.endsWith(`.${p}`));
}

/** The host, then each parent domain up to the property it falls under (only the host when none). */
export function domainsOf(host: string, properties: readonly string[]): string[] {
  const site = siteOf(host, properties);
  const out = [host];
  for (let h = host; site && h !== site; out.push(h)) h = h.slice(h.indexOf(".") + 1);
  return out;
}

/** Every cookie path that matches `pathname` (RFC 6265 §5.1.4): `/a/b` → `/`, `/a`, `/a/`, `/a/b`. */
export function pathsOf(pathname: string): string[] {
  const out = new Set(["/"]);
  for (let i = pathname.indexOf("/", 1); i > 0; i = pathname.indexOf("/", i + 1))
    out.add(pathname.slice(0, i)).add(pathname.slice(0, i + 1));
  return [...out.add(pathname)];
}

/**
 * `document.cookie` assignments that delete `name` in every variant reachable from this page: host-only
 * and each domain, each path prefix, and (on https) the partitioned variant, which is a separate cookie.
 */
export const deletions = (
  name: string,
  host: string,
  properties: readonly string[],
  pathname: string,
  https: boolean,
): string[] =>
  ["", ...domainsOf(host, properties)].flatMap((d) =>
    pathsOf(pathname).flatMap((p) => {
      const base = `${name}=; Max-Age=0; Path=${p}${d && `; Domain=${d}`}${https ? "; Secure" : ""}`;
      return https ? [base, `${base}; SameSite=None; Partitioned`] : base;
    }),
  );
