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

/** A page's HTML with the SDK tag first in `<head>` when asked for and built, else without it. */
export function renderPage(html: string, withSdk: boolean): string {
  return html.replace(SDK_PLACEHOLDER, withSdk ? SDK_TAG : "");
}
