// The `Cookie` request header and the `document.cookie` getter: "a=1; b=2".
import { splitPair } from "./parse.ts";

export interface CookiePair {
  name: string;
  value: string;
}

/** Splits a cookie list; a piece without `=` is a nameless cookie, empty pieces are skipped. */
export function parseCookieHeader(header: string): CookiePair[] {
  const out: CookiePair[] = [];
  for (const piece of header.split(";")) {
    const [name, value] = splitPair(piece);
    if (name || value) out.push({ name, value });
  }
  return out;
}
