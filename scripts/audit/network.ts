/**
 * Watches one profile's network while a page loads: requests in flight (to settle on network quiet), the
 * cookies responses set through Set-Cookie (so each stored cookie can be told apart as `http` or `js`), and
 * requests to third-party hosts with whether they carried cookies.
 */
import type { BrowserContext, Request, Response } from "playwright-core";
import { parseCookieString } from "../../shared/cookies/parse.ts";
import type { ThirdPartyHost } from "./types.ts";

export interface NetworkLog {
  /** `name|domain` of every cookie a response tried to set (domain: Domain attribute or the response host). */
  readonly httpCookies: Set<string>;
  thirdParty(): ThirdPartyHost[];
  /** Resolves once no request has been in flight for `quietMs`, or after `capMs`. */
  quiet(quietMs: number, capMs: number): Promise<void>;
  /** Waits for header reads still running (they need a round trip to the browser). */
  drain(): Promise<void>;
}

export function cookieKey(name: string, domain: string): string {
  return `${name}|${domain.replace(/^\./, "").toLowerCase()}`;
}

export function watchNetwork(context: BrowserContext, isThirdParty: (host: string) => boolean): NetworkLog {
  const httpCookies = new Set<string>();
  const hosts = new Map<string, ThirdPartyHost>();
  const pending: Promise<unknown>[] = [];
  // A request counts as done once its response headers arrive: Chromium may never report the end of a fetch
  // whose body the page leaves unread, which would keep the network "busy" forever.
  const inFlight = new Set<Request>();
  let lastChange = Date.now();

  const onResponse = (response: Response) => {
    onDone(response.request());
    pending.push(
      response
        .headersArray()
        .then((headers) => {
          const host = new URL(response.url()).hostname;
          for (const { name, value } of headers) {
            if (name.toLowerCase() !== "set-cookie") continue;
            // Some stacks fold several cookies into one header, one per line.
            for (const line of value.split("\n")) {
              const parsed = parseCookieString(line);
              if (typeof parsed === "object") httpCookies.add(cookieKey(parsed.name, parsed.domain ?? host));
            }
          }
        })
        .catch(() => {}),
    );
  };
  const onRequest = (request: Request) => {
    inFlight.add(request);
    lastChange = Date.now();
    let url: URL;
    try {
      url = new URL(request.url());
    } catch {
      return;
    }
    if (!url.protocol.startsWith("http") || !isThirdParty(url.hostname)) return;
    const entry = hosts.get(url.hostname) ?? { host: url.hostname, requests: 0, withCookies: 0 };
    hosts.set(url.hostname, entry);
    entry.requests++;
    pending.push(
      request
        .headerValue("cookie")
        .then((cookie) => {
          if (cookie) entry.withCookies++;
        })
        .catch(() => {}),
    );
  };
  function onDone(request: Request) {
    if (inFlight.delete(request)) lastChange = Date.now();
  }
  context.on("request", onRequest);
  context.on("response", onResponse);
  context.on("requestfinished", onDone);
  context.on("requestfailed", onDone);

  return {
    httpCookies,
    thirdParty: () => [...hosts.values()].sort((a, b) => a.host.localeCompare(b.host)),
    async quiet(quietMs, capMs) {
      const deadline = Date.now() + capMs;
      while (Date.now() < deadline) {
        if (inFlight.size === 0 && Date.now() - lastChange >= quietMs) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async drain() {
      while (pending.length) await Promise.allSettled(pending.splice(0));
    },
  };
}
