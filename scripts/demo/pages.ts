import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".gif": "image/gif",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/** Sidecar files (`<file>.cookies.json`) describe the Set-Cookie headers a static file is served with. */
export const COOKIE_SIDECAR = ".cookies.json";

/** Placeholder in every page's `<head>`, replaced by the SDK tag or by nothing. */
export const SDK_PLACEHOLDER = "<!--cookie-ledger-sdk-->";
export const SDK_TAG =
  '<script src="/cookie-ledger.js" data-registry="/.well-known/cookie-ledger.json"></script>';

export function contentType(file: string): string {
  return TYPES[extname(file)] ?? "application/octet-stream";
}

/** The file under `dir` that serves `urlPath`, or undefined. Never leaves `dir`. */
export function resolveFile(dir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.endsWith(COOKIE_SIDECAR)) return undefined;
  const candidates = decoded.endsWith("/")
    ? [`${decoded}index.html`]
    : extname(decoded)
      ? [decoded]
      : [`${decoded}.html`, `${decoded}/index.html`];
  for (const candidate of candidates) {
    const file = normalize(join(dir, candidate));
    if (!file.startsWith(dir + sep)) return undefined;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

type CookieSpec = string | { cookie: string; expiresInSeconds: number };

/** Set-Cookie values for a static file, from its sidecar; `Expires` is computed from now. */
export function sidecarCookies(file: string, now = Date.now()): string[] {
  const sidecar = file + COOKIE_SIDECAR;
  if (!existsSync(sidecar)) return [];
  const specs = JSON.parse(readFileSync(sidecar, "utf8")) as CookieSpec[];
  return specs.map((spec) =>
    typeof spec === "string"
      ? spec
      : `${spec.cookie}; Expires=${new Date(now + spec.expiresInSeconds * 1000).toUTCString()}`,
  );
}

/**
 * A page's HTML with the SDK tag first in `<head>` when asked for and built, else without it. With the SDK the
 * page is an integrated site: its third-party tags marked `data-sdk-gate` are served gated (`gateTags`).
 */
export function renderPage(html: string, withSdk: boolean): string {
  return gateTags(html.replace(SDK_PLACEHOLDER, withSdk ? SDK_TAG : ""), withSdk);
}

/**
 * Marker on a fixture's third-party tag (`<img>` or `<iframe>`) naming the category a site adopting Cookie
 * Ledger gates it under. Only our own fixture markup carries it.
 */
export const GATE_ATTRIBUTE = "data-sdk-gate";
const GATE_CATEGORIES = new Set(["functional", "analytics", "marketing"]);
const GATED_TAG = /<(img|iframe)(\s[^>]*)>/g;
const ATTRIBUTE = /\s+([a-z][a-z0-9-]*)(?:="([^"]*)")?/gy;

/**
 * Runs once the SDK starts a gated pixel: creates the `<img>` from the script's `data-img-*` attributes, right
 * after the script. Fixed text: the pixel's URL travels in an attribute.
 */
export const PIXEL_LOADER =
  '{const s=document.currentScript,i=document.createElement("img");for(const a of s.attributes)if(a.name.startsWith("data-img-"))i.setAttribute(a.name.slice(9),a.value);s.after(i)}';

/**
 * Without the SDK: the `data-sdk-gate` markers are removed, nothing else changes. With it (sdk/gate.ts):
 * `<iframe data-sdk-gate="c" src="u" …>` becomes `<iframe data-category="c" data-src="u" …>`, and
 * `<img data-sdk-gate="c" src="u" …>` a `<script type="text/plain" data-category="c" data-img-src="u" …>` that
 * creates the image (`PIXEL_LOADER`).
 */
export function gateTags(html: string, withSdk: boolean): string {
  return html.replace(GATED_TAG, (tag, name: string, rest: string) => {
    if (!rest.includes(GATE_ATTRIBUTE)) return tag;
    const attributes = parseAttributes(rest);
    const category = attributes.get(GATE_ATTRIBUTE) ?? "";
    if (!GATE_CATEGORIES.has(category)) throw new Error(`${GATE_ATTRIBUTE}="${category}": not a category`);
    // Without the SDK the page is served byte for byte as before the marker was added.
    if (!withSdk) return tag.replace(` ${GATE_ATTRIBUTE}="${category}"`, "");
    attributes.delete(GATE_ATTRIBUTE);
    const gated = new Map([["data-category", category]]);
    if (name === "iframe") {
      for (const [k, v] of attributes) gated.set(k === "src" ? "data-src" : k, v);
      return `<iframe${serialize(gated)}>`;
    }
    for (const [k, v] of attributes) gated.set(`data-img-${k}`, v);
    return `<script type="text/plain"${serialize(gated)}>${PIXEL_LOADER}</script>`;
  });
}

/** A start tag's double-quoted attributes after its name, in order; throws on markup it cannot read exactly. */
function parseAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  let at = 0;
  for (let m = ATTRIBUTE.exec(text); m; m = ATTRIBUTE.exec(text)) {
    out.set(m[1]!, m[2] ?? "");
    at = ATTRIBUTE.lastIndex;
  }
  if (text.slice(at).trim() !== "" && text.slice(at).trim() !== "/")
    throw new Error(`cannot read the attributes of a gated tag: ${text}`);
  return out;
}

/** Attributes back as markup; values are source text (entities kept as written, never a `"`). */
function serialize(attributes: Map<string, string>): string {
  return [...attributes].map(([k, v]) => ` ${k}="${v}"`).join("");
}
