// Just enough URL parsing for cookie rules: shared/ has no `URL` type (no DOM, no Node).

export interface RequestUrl {
  scheme: string;
  /** Lower-case host, without port or IPv6 brackets. */
  host: string;
  /** The path component, possibly empty. */
  path: string;
}

const URL_SHAPE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::\d*)?([^?#]*)/;

export function parseRequestUrl(url: string): RequestUrl | undefined {
  const m = URL_SHAPE.exec(url);
  if (!m) return undefined;
  const host = (m[2] ?? "").toLowerCase().replace(/^\[|\]$/g, "");
  return host ? { scheme: (m[1] ?? "").toLowerCase(), host, path: m[3] ?? "" } : undefined;
}

/** Whether cookies from this URL may carry `Secure` (https, wss, or loopback as browsers allow). */
export function isSecureUrl({ scheme, host }: RequestUrl): boolean {
  return (
    scheme === "https" || scheme === "wss" || host === "localhost" || host === "127.0.0.1" || host === "::1"
  );
}

/** RFC 6265 §5.1.4: the default cookie path of a request path. */
export function defaultPath(path: string): string {
  if (!path.startsWith("/")) return "/";
  const last = path.lastIndexOf("/");
  return last === 0 ? "/" : path.slice(0, last);
}
