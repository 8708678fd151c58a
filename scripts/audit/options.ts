/** `cookie-ledger audit` arguments → AuditOptions, through node:util parseArgs. Never throws: returns errors. */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { FINDING_TYPES, type FindingType } from "../../shared/model.ts";
import {
  type AuditOptions,
  FORMATS,
  type ReportFormat,
  type ResolveRule,
  SCENARIOS,
  type Scenario,
  type Shard,
} from "./types.ts";

export type ParseResult = { ok: true; options: AuditOptions } | { ok: false; errors: string[] };

/**
 * Default concurrency: one page per core plus one, as loading a page waits on the network as much as on the
 * CPU; at most 6, so a big machine does not open dozens of renderers at once.
 */
export function defaultConcurrency(cores = availableParallelism()): number {
  return Math.max(1, Math.min(6, cores + 1));
}

function list<T extends string>(value: string, allowed: readonly T[], what: string, errors: string[]): T[] {
  const out: T[] = [];
  for (const raw of value.split(",")) {
    const v = raw.trim();
    if (!v) continue;
    if ((allowed as readonly string[]).includes(v)) {
      if (!out.includes(v as T)) out.push(v as T);
    } else errors.push(`--${what}: unknown value "${v}" (expected one of ${allowed.join(", ")})`);
  }
  if (out.length === 0 && errors.length === 0) errors.push(`--${what}: needs at least one value`);
  return out;
}

function int(
  value: string | undefined,
  fallback: number,
  name: string,
  min: number,
  errors: string[],
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    errors.push(`--${name}: expected an integer ≥ ${min}, got "${value}"`);
    return fallback;
  }
  return n;
}

/** `i/n` with 1 ≤ i ≤ n. */
export function parseShard(value: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

const HOST_PATTERN = /^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$|^\*$/;
const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

/** `PATTERN=IP[:PORT]`, e.g. `*.dingtalk.com=127.0.0.1:8443` or `www.example.com=[::1]:443`. */
export function parseResolve(value: string): ResolveRule | undefined {
  const eq = value.indexOf("=");
  if (eq <= 0) return undefined;
  const pattern = value.slice(0, eq).trim();
  const target = value.slice(eq + 1).trim();
  if (!HOST_PATTERN.test(pattern)) return undefined;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(target);
  if (!m) return undefined;
  const address = m[1]!;
  if (!IPV4.test(address) && !IPV6.test(address)) return undefined;
  if (IPV4.test(address) && address.split(".").some((o) => Number(o) > 255)) return undefined;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return port === undefined ? { pattern, address } : { pattern, address, port };
}

function startUrl(raw: string, errors: string[]): string | undefined {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("scheme");
    url.hash = "";
    return url.href;
  } catch {
    errors.push(`not an http(s) URL: "${raw}"`);
    return undefined;
  }
}

function tryParse(args: string[]) {
  try {
    return parseArgs({ args, options: SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function parseAuditArgs(args: string[], env: NodeJS.ProcessEnv = process.env): ParseResult {
  const parsed = tryParse(args);
  if (parsed instanceof Error) return { ok: false, errors: [parsed.message] };
  const { values: v, positionals } = parsed;
  const errors: string[] = [];
  const urls = positionals.map((p) => startUrl(p, errors)).filter((u): u is string => u !== undefined);
  if (positionals.length === 0) errors.push("give at least one URL to audit");
  const scenarios = list<Scenario>(v.scenarios ?? SCENARIOS.join(","), SCENARIOS, "scenarios", errors);
  const formats = list<ReportFormat>(v.format ?? FORMATS.join(","), FORMATS, "format", errors);
  const failOn = v["fail-on"] ? list<FindingType>(v["fail-on"], FINDING_TYPES, "fail-on", errors) : [];
  let shard: Shard | undefined;
  if (v.shard !== undefined) {
    shard = parseShard(v.shard);
    if (!shard) errors.push(`--shard: expected i/n with 1 ≤ i ≤ n, got "${v.shard}"`);
  }
  const resolve: ResolveRule[] = [];
  for (const r of v.resolve ?? []) {
    const rule = parseResolve(r);
    if (rule) resolve.push(rule);
    else errors.push(`--resolve: expected PATTERN=IP[:PORT] (e.g. *.example.com=127.0.0.1:8443), got "${r}"`);
  }
  const options: AuditOptions = {
    urls,
    pages: int(v.pages, 20, "pages", 1, errors),
    depth: int(v.depth, 2, "depth", 0, errors),
    sitemap: v.sitemap ?? false,
    scenarios: SCENARIOS.filter((s) => scenarios.includes(s)),
    out: v.out ?? "cookie-ledger-report",
    formats,
    failOn,
    concurrency: int(v.concurrency, defaultConcurrency(), "concurrency", 1, errors),
    resolve,
    insecure: v.insecure ?? false,
    timeoutMs: int(v.timeout, 30, "timeout", 1, errors) * 1000,
    settleMs: int(v.settle, 3000, "settle", 0, errors),
    browserPath: v.browser ?? env.CHROME_PATH ?? "/usr/bin/chromium",
  };
  if (v.registry !== undefined) options.registry = v.registry;
  if (v.extension !== undefined) options.extension = v.extension;
  if (shard) options.shard = shard;
  return errors.length ? { ok: false, errors } : { ok: true, options };
}

const SPEC = {
  registry: { type: "string" },
  pages: { type: "string" },
  depth: { type: "string" },
  sitemap: { type: "boolean" },
  scenarios: { type: "string" },
  out: { type: "string" },
  format: { type: "string" },
  "fail-on": { type: "string" },
  concurrency: { type: "string" },
  shard: { type: "string" },
  resolve: { type: "string", multiple: true },
  insecure: { type: "boolean" },
  timeout: { type: "string" },
  settle: { type: "string" },
  extension: { type: "string" },
  browser: { type: "string" },
} as const;

export const AUDIT_USAGE = `Usage: cookie-ledger audit <url...> [options]

Audits pages in headless Chromium under consent scenarios, each in a fresh browser profile, and reconciles
what the browser stores with the site's registry.

Options:
  --registry FILE|URL   registry to check against (default: the site's /.well-known/cookie-ledger.json,
                        else the bundled DingTalk registry for DingTalk properties); "none" = no registry
  --pages N             most pages to audit (default 20)
  --depth N             link depth followed from the start URLs (default 2; 0 = start URLs only)
  --sitemap             also read /sitemap.xml of each start origin (a URL ending in .xml is read as one)
  --scenarios LIST      before-consent,reject-all,accept-all (default: all three)
  --out DIR             where reports go (default ./cookie-ledger-report)
  --format LIST         html,json,junit (default: all three)
  --fail-on LIST        finding types that make the exit code 1: undeclared, set-before-consent,
                        present-while-blocked, retention-exceeds-declared, declared-not-observed
  --concurrency N       pages audited at once (default: cores + 1, at most 6)
  --shard i/n           audit only shard i of n of the URL set (split by a stable hash of each URL)
  --resolve P=IP:PORT   map host names matching P to an address, like curl's --resolve (repeatable)
  --insecure            accept self-signed or otherwise invalid certificates
  --timeout S           per-page timeout in seconds (default 30)
  --settle MS           longest wait for the network to go quiet after load (default 3000)
  --extension DIR       load an unpacked extension into every profile
  --browser PATH        Chromium binary (default $CHROME_PATH or /usr/bin/chromium)

Exit codes: 0 done, 1 findings named by --fail-on, 2 bad arguments, 3 the audit could not run (no browser,
or not a single page could be loaded).`;
