import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import type { Registry } from "../../shared/registry/schema.ts";
import { type Certificate, makeCertificate } from "./certificate.ts";
import { findHost, HOSTS, hostResolverRules, type PropertyHost } from "./hosts.ts";
import { contentType, renderPage, resolveFile, sidecarCookies } from "./pages.ts";
import { type PropertySetPaths, propertySetPaths } from "./paths.ts";
import { servedRegistry } from "./registry.ts";
import { analytics, login, me, type RouteResponse, readBody, Sessions } from "./routes.ts";
import { consentBoundCookies } from "./server-filter.ts";

export interface PropertySetOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to listen on; loopback by default. */
  listen?: string;
  /** Insert the SDK tag into every page (a page's `?sdk=1` / `?sdk=0` overrides it). Default false. */
  sdk?: boolean;
  /** Repository root; found from this file by default. */
  root?: string;
}

export interface LoggedRequest {
  method: string;
  host: string;
  /** Path and query. */
  path: string;
  /** The request's Cookie header, if any. */
  cookie?: string;
  referer?: string;
  time: number;
}

export interface PropertySet {
  port: number;
  /** `https://<host><path>` — no port: the browser's host-resolver rules carry it. */
  url(host: string, path?: string): string;
  /** Every request served, in order (live; read it, don't modify it). */
  readonly requests: readonly LoggedRequest[];
  /** `--host-resolver-rules` value mapping every host of the set to this server. */
  hostResolverRules: string;
  hosts: readonly PropertyHost[];
  /** Whether dist/sdk/cookie-ledger.js exists, so the SDK switch has something to insert. */
  sdkAvailable: boolean;
  certificate: Certificate;
  registry: Registry;
  paths: PropertySetPaths;
  stop(): Promise<void>;
}

/** Starts the HTTPS property set on loopback. Resolves once it listens. */
export async function startPropertySet(options: PropertySetOptions = {}): Promise<PropertySet> {
  const paths = propertySetPaths(options.root);
  if (!existsSync(join(paths.bundles, "www.js"))) {
    throw new Error(`${paths.bundles} is missing or incomplete: run \`npm run build\` first`);
  }
  const certificate = await makeCertificate();
  const registry = servedRegistry(paths.registry, paths.registryExtra);
  const requests: LoggedRequest[] = [];
  const context: HandlerContext = {
    paths,
    registryJson: `${JSON.stringify(registry, null, 2)}\n`,
    sdkDefault: options.sdk ?? false,
    sessions: new Sessions(),
    requests,
    consentBound: consentBoundCookies(registry),
  };
  const server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    handle(context, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  const port = await listen(server, options.port ?? 0, options.listen ?? "127.0.0.1");
  return {
    port,
    url: (host, path = "/") => `https://${host}${path}`,
    requests,
    hostResolverRules: hostResolverRules(port),
    hosts: HOSTS,
    sdkAvailable: existsSync(paths.sdk),
    certificate,
    registry,
    paths,
    stop: () => close(server),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

interface HandlerContext {
  paths: PropertySetPaths;
  registryJson: string;
  sdkDefault: boolean;
  sessions: Sessions;
  requests: LoggedRequest[];
  /** Set-Cookie values after the server-side consent filter (server-filter.ts). */
  consentBound: ReturnType<typeof consentBoundCookies>;
}

async function handle(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const hostHeader = req.headers.host ?? "";
  const url = new URL(req.url ?? "/", "https://placeholder");
  const host = findHost(hostHeader);
  ctx.requests.push({
    method: req.method ?? "GET",
    host: hostHeader.replace(/:\d+$/, ""),
    path: url.pathname + url.search,
    cookie: req.headers.cookie,
    referer: req.headers.referer,
    time: Date.now(),
  });
  if (!host) return send(res, { status: 404, body: `unknown host ${hostHeader}\n` });
  const sdk = sdkMode(ctx, req, url);
  // In SDK mode every first-party response's Set-Cookie values pass the server-side filter (server-filter.ts).
  const bound = (cookies: string[] = []) =>
    ctx.consentBound(host.name, url, req.headers.cookie, cookies, sdk && host.role === "first-party");
  const route = await dynamicRoute(ctx, host, req, url);
  if (route) return send(res, route.cookies ? { ...route, cookies: bound(route.cookies) } : route);
  if (req.method !== "GET" && req.method !== "HEAD")
    return send(res, { status: 405, body: "method not allowed\n" });

  // Page scripts are bundled into dist/property-set; any host may serve them (the CDN does).
  const asset = url.pathname.startsWith("/assets/")
    ? resolveFile(ctx.paths.bundles, url.pathname.slice("/assets".length))
    : undefined;
  const file = asset ?? resolveFile(join(ctx.paths.sites, host.name), url.pathname);
  if (!file) return send(res, { status: 404, body: "not found\n" });
  let body: string | Buffer = readFileSync(file);
  if (file.endsWith(".html")) body = renderPage(body.toString("utf8"), sdk);
  send(
    res,
    { status: 200, headers: { "content-type": contentType(file) }, cookies: bound(sidecarCookies(file)) },
    body,
  );
}

/** A page's `?sdk=1` / `?sdk=0`, else the server's default; the SDK only when it is built. */
function pageWantsSdk(ctx: HandlerContext, url: URL): boolean {
  const param = url.searchParams.get("sdk");
  return (param === null ? ctx.sdkDefault : param === "1") && existsSync(ctx.paths.sdk);
}

/**
 * Whether a response belongs to a page served with the SDK (an integrated site). A navigation is its own page;
 * a subresource belongs to the page named by its `Referer` when that carries `?sdk=` (same-origin requests
 * send the full URL), else to the server's default.
 */
function sdkMode(ctx: HandlerContext, req: IncomingMessage, url: URL): boolean {
  if (url.searchParams.has("sdk") || req.headers["sec-fetch-mode"] === "navigate")
    return pageWantsSdk(ctx, url);
  let referer: URL | undefined;
  try {
    referer = req.headers.referer ? new URL(req.headers.referer) : undefined;
  } catch {
    referer = undefined;
  }
  return pageWantsSdk(ctx, referer?.searchParams.has("sdk") ? referer : url);
}

async function dynamicRoute(
  ctx: HandlerContext,
  host: PropertyHost,
  req: IncomingMessage,
  url: URL,
): Promise<RouteResponse | undefined> {
  if (host.role === "analytics") return analytics(req, url.pathname);
  if (host.role !== "first-party") return undefined;
  if (url.pathname === "/.well-known/cookie-ledger.json") {
    return {
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: ctx.registryJson,
    };
  }
  // The SDK's lazily loaded extras, its UI and its worker guards, served next to the core like a site would.
  const guard = {
    "/cookie-ledger-extras.js": "cookie-ledger-extras.js",
    "/cookie-ledger-ui.js": "cookie-ledger-ui.js",
    "/cookie-ledger-ui.css": "cookie-ledger-ui.css",
    "/cookie-ledger-ui.en.json": "cookie-ledger-ui.en.json",
    "/cookie-ledger-ui.zh-CN.json": "cookie-ledger-ui.zh-CN.json",
    "/cookie-ledger-worker.js": "cookie-ledger-worker.js",
    "/cookie-ledger-sw.js": "sw.js",
  }[url.pathname];
  if (guard && existsSync(join(dirname(ctx.paths.sdk), guard)))
    return {
      status: 200,
      headers: { "content-type": contentType(guard) },
      body: readFileSync(join(dirname(ctx.paths.sdk), guard), "utf8"),
    };
  if (url.pathname === "/cookie-ledger.js") {
    return existsSync(ctx.paths.sdk)
      ? {
          status: 200,
          headers: { "content-type": contentType(".js") },
          body: readFileSync(ctx.paths.sdk, "utf8"),
        }
      : { status: 404, body: "the SDK is not built (dist/sdk/cookie-ledger.js)\n" };
  }
  if (host.name === "www.dingtalk.com" && url.pathname === "/login" && req.method === "POST") {
    return login(await readBody(req), ctx.sessions);
  }
  if (host.name === "im.dingtalk.com" && url.pathname === "/api/me") return me(req, ctx.sessions);
  return undefined;
}

function send(res: ServerResponse, route: RouteResponse, body?: string | Buffer): void {
  const headers: Record<string, string | string[]> = {
    "cache-control": "no-store",
    "content-type": "text/plain; charset=utf-8",
    ...route.headers,
  };
  if (route.cookies?.length) headers["set-cookie"] = route.cookies;
  res.writeHead(route.status, headers);
  res.end(body ?? route.body ?? "");
}
