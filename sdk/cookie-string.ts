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
  const [pair, ...attrs] = text.split(";");
  const eq = pair!.indexOf("=");
  const a: Assignment = { name: eq < 0 ? "" : pair!.slice(0, eq).trim(), del: false };
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attr of attrs) {
    const j = attr.indexOf("=");
    const k = (j < 0 ? attr : attr.slice(0, j)).trim().toLowerCase();
    const v = j < 0 ? "" : attr.slice(j + 1).trim();
    if (k === "path") a.path = v[0] === "/" ? v : undefined;
    else if (k === "domain") {
      if (v) a.domain = v.replace(/^\./, "").toLowerCase();
    } else if (k === "max-age") {
      if (/^-?\d+$/.test(v)) maxAge = +v;
    } else if (k === "expires") {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) expires = t;
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  // (No Expires either: `undefined <= now` is false.)
  a.del = maxAge === undefined ? expires! <= now : maxAge <= 0;
  return a;
}

/** Names in a `document.cookie` read (`a=1; b=2`). */
export const cookieNames = (jar: string): string[] =>
  jar ? jar.split(";").map((p) => readAssignment(p, 0).name) : [];
