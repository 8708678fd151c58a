// Lexical parsing of one set-cookie-string (RFC 6265bis §5.6): no browser storage rules here.
import { parseCookieDate } from "./date.ts";

export type SameSite = "Strict" | "Lax" | "None";

export interface ParsedCookie {
  name: string;
  value: string;
  /** Epoch ms from the last valid `Expires`. */
  expires?: number;
  /** Seconds from the last valid `Max-Age`. */
  maxAge?: number;
  /** The last non-empty `Domain`, lower-cased, leading dot stripped. */
  domain?: string;
  /** The last `Path`, when it starts with "/" (so `Path=/` is explicit, as the `__Host-` prefix needs). */
  path?: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: SameSite;
  partitioned: boolean;
}

export type ParseFailure = "control-character" | "empty" | "too-large";

/** Browsers ignore a cookie whose name plus value exceed this many characters. */
export const MAX_NAME_VALUE = 4096;
/** …and an attribute whose value exceeds this. */
export const MAX_ATTRIBUTE_VALUE = 1024;

/** CTLs other than HTAB (%x00-08 / %x0A-1F / %x7F) abort the whole set-cookie-string. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/** Strips leading and trailing spaces and tabs (WSP), nothing else. */
export function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === " " || text[start] === "\t")) start++;
  while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return text.slice(start, end);
}

/** Splits `a=b` at the first `=`; without one, the whole text is the value and the name is empty. */
export function splitPair(text: string): [string, string] {
  const eq = text.indexOf("=");
  return eq < 0 ? ["", trimWsp(text)] : [trimWsp(text.slice(0, eq)), trimWsp(text.slice(eq + 1))];
}

function sameSiteOf(value: string): SameSite | undefined {
  const v = value.toLowerCase();
  return v === "strict" ? "Strict" : v === "lax" ? "Lax" : v === "none" ? "None" : undefined;
}

/** Parses a Set-Cookie value or `document.cookie` assignment; a string on failure. */
export function parseCookieString(text: string): ParsedCookie | ParseFailure {
  if (hasControl(text)) return "control-character";
  const parts = text.split(";");
  const [name, value] = splitPair(parts[0] ?? "");
  if (!name && !value) return "empty";
  if (name.length + value.length > MAX_NAME_VALUE) return "too-large";
  const cookie: ParsedCookie = { name, value, secure: false, httpOnly: false, partitioned: false };
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? "";
    const eq = part.indexOf("=");
    const key = trimWsp(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? "" : trimWsp(part.slice(eq + 1));
    if (val.length > MAX_ATTRIBUTE_VALUE) continue;
    switch (key) {
      case "expires": {
        const at = parseCookieDate(val);
        if (at !== undefined) cookie.expires = at;
        break;
      }
      case "max-age":
        if (/^-?\d+$/.test(val)) cookie.maxAge = Number(val);
        break;
      case "domain":
        if (val) cookie.domain = (val.startsWith(".") ? val.slice(1) : val).toLowerCase();
        break;
      case "path":
        // A Path that does not start with "/" means "the default path": forget any earlier one.
        cookie.path = val.startsWith("/") ? val : undefined;
        break;
      case "secure":
        cookie.secure = true;
        break;
      case "httponly":
        cookie.httpOnly = true;
        break;
      case "samesite":
        cookie.sameSite = sameSiteOf(val);
        break;
      case "partitioned":
        cookie.partitioned = true;
        break;
    }
  }
  return cookie;
}
