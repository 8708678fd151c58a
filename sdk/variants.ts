/** Where a cookie can live, as seen from a page (pure): the inputs of purging and of the consent cookie. */

/** The `properties` entry that `host` falls under (`im.dingtalk.com` → `dingtalk.com`), if any. */
export function siteOf(host: string, properties: readonly string[]): string | undefined {
  host = host.toLowerCase();
  for (const raw of properties) {
    const p = raw.toLowerCase().replace(/^\./, "");
    if (host === p || host.endsWith(`.${p}`)) return p;
  }
}

/** The host, then each parent domain up to the property it falls under (only the host when none). */
export function domainsOf(host: string, properties: readonly string[]): string[] {
  const site = siteOf(host, properties);
  const out = [host];
  if (site)
    for (let h = host; h !== site; ) {
      h = h.slice(h.indexOf(".") + 1);
      out.push(h);
    }
  return out;
}

/** Every cookie path that matches `pathname` (RFC 6265 §5.1.4): `/a/b` → `/`, `/a`, `/a/`, `/a/b`. */
export function pathsOf(pathname: string): string[] {
  const out = ["/"];
  for (let i = 1; i <= pathname.length; i++) {
    if (i === pathname.length || pathname[i] === "/") {
      const p = pathname.slice(0, i);
      if (p !== "/") out.push(p);
      if (i < pathname.length) out.push(`${p}/`);
    }
  }
  return [...new Set(out)];
}

/**
 * `document.cookie` assignments that delete `name` in every variant reachable from this page: host-only
 * and each domain, each path prefix, and (on https) the partitioned variant, which is a separate cookie.
 */
export function deletions(
  name: string,
  host: string,
  properties: readonly string[],
  pathname: string,
  https: boolean,
) {
  const out: string[] = [];
  const sec = https ? "; Secure" : "";
  for (const d of ["", ...domainsOf(host, properties)])
    for (const p of pathsOf(pathname)) {
      const base = `${name}=; Max-Age=0; Path=${p}${d && `; Domain=${d}`}${sec}`;
      out.push(base);
      if (https) out.push(`${base}; SameSite=None; Partitioned`);
    }
  return out;
}
