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
  const [first = "", ...attrs] = text.split(";");
  const eq = first.indexOf("=");
  const a: Assignment = { name: eq < 0 ? "" : first.slice(0, eq).trim(), del: false };
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attr of attrs) {
    const i = attr.indexOf("=");
    const k = (i < 0 ? attr : attr.slice(0, i)).trim().toLowerCase();
    const v = i < 0 ? "" : attr.slice(i + 1).trim();
    if (k === "max-age" && /^-?\d+$/.test(v)) maxAge = +v;
    else if (k === "expires" && !Number.isNaN(Date.parse(v))) expires = Date.parse(v);
    else if (k === "domain" && v) a.domain = v.replace(/^\./, "").toLowerCase();
    else if (k === "path") a.path = v[0] === "/" ? v : undefined;
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  a.del = maxAge === undefined ? expires !== undefined && expires <= now : maxAge <= 0;
  return a;
}

/** Names in a `document.cookie` read (`a=1; b=2`). */
export const cookieNames = (jar: string): string[] =>
  jar ? jar.split(";").map((p) => readAssignment(p, 0).name) : [];
