/**
 * Which registry an audit checks against: the one given (`--registry FILE|URL`), else the site's
 * `/.well-known/cookie-ledger.json`, else the bundled DingTalk registry when the site is one of its
 * properties, else none (items are then classified by the Open Cookie Database and all undeclared).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { registrableDomain } from "../../shared/match/party.ts";
import dingtalk from "../../shared/registries/dingtalk.json" with { type: "json" };
import { formatIssue, type RegistryIssue } from "../../shared/registry/errors.ts";
import { loadRegistry } from "../../shared/registry/load.ts";
import type { Registry } from "../../shared/registry/schema.ts";
import type { RegistryInfo } from "./types.ts";

export interface ResolvedRegistry {
  info: RegistryInfo;
  registry?: Registry;
  /** Problems worth a line in the report (an invalid well-known file, say). */
  warnings: string[];
}

export class RegistryError extends Error {}

function describe(issues: readonly RegistryIssue[], where: string): string {
  return [
    `${where} is not a valid registry:`,
    ...issues.slice(0, 10).map((i) => `  ${formatIssue(i, where)}`),
  ].join("\n");
}

function info(
  source: RegistryInfo["source"],
  registry: Registry | undefined,
  location?: string,
): RegistryInfo {
  const out: RegistryInfo = { source };
  if (location) out.location = location;
  if (registry) {
    out.name = registry.site.name;
    out.revision = registry.revision;
  }
  return out;
}

/** The bundled DingTalk registry when `host` falls under one of its properties. */
export function bundledFor(host: string): Registry | undefined {
  const loaded = loadRegistry(dingtalk);
  if (!loaded.ok) return undefined;
  const site = registrableDomain(host);
  return loaded.registry.properties.some((p) => registrableDomain(p) === site) ? loaded.registry : undefined;
}

/**
 * `fetchText` reads a URL through the audit's browser (so `--resolve` applies); it returns undefined for
 * anything but a 2xx answer.
 */
export async function resolveRegistry(
  option: string | undefined,
  startUrl: string,
  cwd: string,
  fetchText: (url: string) => Promise<string | undefined>,
): Promise<ResolvedRegistry> {
  if (option === "none") return { info: info("none", undefined), warnings: [] };
  if (option !== undefined) {
    const isUrl = /^https?:\/\//i.test(option);
    const text = isUrl
      ? await fetchText(option)
      : await readFile(resolve(cwd, option), "utf8").catch(() => undefined);
    if (text === undefined) throw new RegistryError(`cannot read the registry ${option}`);
    const loaded = loadRegistry(text);
    if (!loaded.ok) throw new RegistryError(describe(loaded.errors, option));
    return {
      info: info(isUrl ? "url" : "file", loaded.registry, option),
      registry: loaded.registry,
      warnings: [],
    };
  }
  const warnings: string[] = [];
  const wellKnown = new URL("/.well-known/cookie-ledger.json", startUrl).href;
  const text = await fetchText(wellKnown);
  if (text !== undefined) {
    const loaded = loadRegistry(text);
    if (loaded.ok)
      return { info: info("well-known", loaded.registry, wellKnown), registry: loaded.registry, warnings };
    warnings.push(describe(loaded.errors, wellKnown));
  }
  const bundled = bundledFor(new URL(startUrl).hostname);
  if (bundled)
    return { info: info("bundled", bundled, "shared/registries/dingtalk.json"), registry: bundled, warnings };
  return { info: info("none", undefined), warnings };
}
