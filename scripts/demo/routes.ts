import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { findHost } from "./hosts.ts";

/** What a dynamic route answers; the server adds the common headers. */
export interface RouteResponse {
  status: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
}

export const SESSION_COOKIE = "dingtalk_session";
const SESSION_MAX_BODY = 4096;

/** Per-server state of the sign-in flow: the session ids it issued. */
export class Sessions {
  readonly #issued = new Set<string>();

  issue(): string {
    const id = randomBytes(16).toString("hex");
    this.#issued.add(id);
    return id;
  }

  valid(cookieHeader: string | undefined): boolean {
    for (const part of (cookieHeader ?? "").split(";")) {
      const [name, value] = part.trim().split("=", 2);
      if (name === SESSION_COOKIE && value && this.#issued.has(value)) return true;
    }
    return false;
  }
}

export async function readBody(req: IncomingMessage, limit = SESSION_MAX_BODY): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > limit) break;
  }
  return body.slice(0, limit);
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): RouteResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(value),
});

/** `POST https://www.dingtalk.com/login`: any non-empty user and password sign in (a demo, not security). */
export function login(body: string, sessions: Sessions): RouteResponse {
  const form = new URLSearchParams(body);
  const next = form.get("next") ?? "";
  const target = safeNext(next) ?? "https://im.dingtalk.com/";
  if (!form.get("user") || !form.get("password")) {
    return { status: 303, headers: { location: "/login?error=missing" } };
  }
  const cookie = `${SESSION_COOKIE}=${sessions.issue()}; Domain=.dingtalk.com; Path=/; Secure; HttpOnly; SameSite=Lax`;
  return { status: 303, headers: { location: target }, cookies: [cookie] };
}

/** Only redirect to a page of the property set. */
function safeNext(next: string): string | undefined {
  try {
    const url = new URL(next);
    return url.protocol === "https:" && findHost(url.hostname)?.role === "first-party" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** `GET https://im.dingtalk.com/api/me`: who is signed in, or 401. */
export function me(req: IncomingMessage, sessions: Sessions): RouteResponse {
  return sessions.valid(req.headers.cookie)
    ? json(200, { user: "demo", name: "Demo User" })
    : json(401, { error: "signed-out" });
}

/** Cross-origin answers for the analytics host, so the SDKs' requests succeed from any page of the set. */
function cors(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin
    ? {
        "access-control-allow-origin": origin,
        "access-control-allow-credentials": "true",
        "access-control-allow-headers": "content-type",
        "access-control-allow-methods": "GET, POST, OPTIONS",
      }
    : {};
}

/** Every request to the analytics host: Mixpanel wants `1`/`{status:1}`, PostHog wants JSON; nothing is stored. */
export function analytics(req: IncomingMessage, path: string): RouteResponse {
  if (req.method === "OPTIONS") return { status: 204, headers: cors(req) };
  if (path.startsWith("/flags") || path.startsWith("/decide")) {
    return json(
      200,
      { featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false },
      cors(req),
    );
  }
  if (path.startsWith("/track") || path.startsWith("/engage") || path.startsWith("/groups")) {
    return json(200, { status: 1, error: null }, cors(req));
  }
  return json(200, { status: 1 }, cors(req));
}
