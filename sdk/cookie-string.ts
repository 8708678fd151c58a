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
  /** Whether a valid Max-Age deletes. */
  let maxAge: boolean | undefined;
  let expires: number | undefined;
  let a!: Assignment;
  for (let start = 0, end = -1; end < text.length; start = end + 1) {
    end = text.indexOf(";", start);
    if (end < 0) end = text.length;
    let j = text.indexOf("=", start);
    if (j < 0 || j > end) j = end;
    const k = text.slice(start, j).trim();
    // The name (`del` is set at the end), then the attributes.
    if (!start) a = { name: j < end ? k : "" } as Assignment;
    else {
      const key = k.toLowerCase();
      const v = text.slice(j + 1, end).trim();
      if (key === "path") a.path = v[0] === "/" ? v : undefined;
      else if (key === "domain") {
        if (v) a.domain = v.replace(/^\./, "").toLowerCase();
      } else if (key === "max-age") {
        if (/^-?\d+$/.test(v)) maxAge = +v <= 0;
      } else if (key === "expires") {
        const t = Date.parse(v);
        if (t > -Infinity) expires = t; // not NaN
      }
    }
  }
  a.del = maxAge ?? expires! <= now;
  return a;
}

/** Names in a `document.cookie` read (`a=1; b=2`). */
export const cookieNames = (jar: string): string[] =>
  jar ? jar.split(";").map((p) => readAssignment(p, 0).name) : [];
