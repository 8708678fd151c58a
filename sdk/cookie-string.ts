/**
 * The few facts enforcement needs from a `document.cookie` assignment (pure, tiny): name, Domain, Path,
 * and whether it deletes. The full browser rules live in shared/cookies (used by the lazy inventory).
 */
export interface Assignment {
  name: string;
  domain?: string;
  path?: string;
  del: boolean;
}

export function readAssignment(text: string, now: number): Assignment {
  // A hand-rolled scan: this runs on every `document.cookie` write, so no split() and no work on
  // attributes other than the four that matter.
  let end = text.indexOf(";");
  if (end < 0) end = text.length;
  const eq = text.indexOf("=");
  const a: Assignment = { name: eq < 0 || eq > end ? "" : text.slice(0, eq).trim(), del: false };
  let maxAge: number | undefined;
  let expires: number | undefined;
  while (end < text.length) {
    const start = end + 1;
    end = text.indexOf(";", start);
    if (end < 0) end = text.length;
    const j = text.indexOf("=", start);
    const split = j >= 0 && j < end;
    const k = text
      .slice(start, split ? j : end)
      .trim()
      .toLowerCase();
    if (k !== "path" && k !== "domain" && k !== "max-age" && k !== "expires") continue;
    const v = split ? text.slice(j + 1, end).trim() : "";
    if (k === "path") a.path = v[0] === "/" ? v : undefined;
    else if (k === "domain") {
      if (v) a.domain = v.replace(/^\./, "").toLowerCase();
    } else if (k === "max-age") {
      if (/^-?\d+$/.test(v)) maxAge = +v;
    } else {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) expires = t;
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  a.del = maxAge === undefined ? expires !== undefined && expires <= now : maxAge <= 0;
  return a;
}

/** Names in a `document.cookie` read (`a=1; b=2`). */
export const cookieNames = (jar: string): string[] =>
  jar ? jar.split(";").map((p) => readAssignment(p, 0).name) : [];
