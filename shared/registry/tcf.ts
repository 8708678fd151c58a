import * as v from "valibot";
import type { Category } from "../categories.ts";
import { entryIdentity } from "./checks.ts";
import { issuesFromValibot, type RegistryIssue } from "./errors.ts";
import { parseJsonText, placeIssuesInText, sortIssues } from "./json-text.ts";
import { loadRegistry } from "./load.ts";
import {
  type ClassificationSource,
  MAX_NAME_LENGTH,
  REGISTRY_FORMAT,
  type Registry,
  type RegistryEntry,
  type StorageKind,
} from "./schema.ts";
import {
  categoryFromTcf,
  isCanonicalTcf,
  TCF_PURPOSE_IDS,
  TCF_PURPOSES_FOR_CATEGORY,
  TCF_SPECIAL_FEATURE_DATA,
  TCF_SPECIAL_PURPOSE_IDS,
} from "./tcf-mapping.ts";

/**
 * IAB TCF Device Storage Disclosure JSON (`disclosures[]`). Unknown keys are ignored: vendors
 * add their own (`description`, …). docs/registry.md documents the mapping and what is lost.
 */
const Ids = (allowed: readonly number[]) => v.array(v.pipe(v.number(), v.integer(), v.picklist(allowed)));

export const TcfDisclosureSchema = v.object({
  identifier: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NAME_LENGTH)),
  type: v.picklist(["cookie", "web", "app"]),
  maxAgeSeconds: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0))),
  cookieRefresh: v.nullish(v.boolean()),
  domain: v.nullish(v.string()),
  domains: v.nullish(v.array(v.string())),
  purposes: v.nullish(Ids(TCF_PURPOSE_IDS)),
  specialPurposes: v.nullish(Ids(TCF_SPECIAL_PURPOSE_IDS)),
  specialFeatures: v.nullish(Ids(Object.keys(TCF_SPECIAL_FEATURE_DATA).map(Number))),
});

export const TcfDocumentSchema = v.object({ disclosures: v.array(TcfDisclosureSchema) });

export type TcfDisclosureInput = v.InferOutput<typeof TcfDisclosureSchema>;

/** A disclosure as we write it. */
export interface TcfDisclosure {
  identifier: string;
  type: "cookie" | "web";
  maxAgeSeconds: number | null;
  cookieRefresh?: boolean;
  domain: string;
  purposes: number[];
  specialPurposes?: number[];
}

export interface TcfDocument {
  disclosures: TcfDisclosure[];
}

/** Extension keys that carry what our format has no field for, so a round trip loses nothing. */
const EXT = {
  purposes: "x-tcf-purposes",
  specialPurposes: "x-tcf-specialPurposes",
  cookieRefresh: "x-tcf-cookieRefresh",
  domain: "x-tcf-domain",
} as const;

function resolveCategory(registry: Registry, entry: RegistryEntry): Category | undefined {
  if (entry.category) return entry.category;
  const id = entry.purpose;
  return id !== undefined && Object.hasOwn(registry.purposes, id)
    ? registry.purposes[id]?.category
    : undefined;
}

const isIdList = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((id) => Number.isInteger(id));

/** The purposes an import kept in `x-tcf-*` keys, if they still imply the entry's category. */
function keptIds(
  extra: Record<string, unknown>,
  category: Category,
): { purposes: number[]; specialPurposes?: number[] } | undefined {
  const purposes = extra[EXT.purposes];
  const specialPurposes = extra[EXT.specialPurposes] ?? [];
  if (!isIdList(purposes) || !isIdList(specialPurposes)) return undefined;
  return categoryFromTcf(purposes, specialPurposes) === category ? { purposes, specialPurposes } : undefined;
}

/** Our registry → TCF disclosures. `warnings` name the entries TCF cannot express (Flash). */
export function toTcf(registry: Registry): { document: TcfDocument; warnings: string[] } {
  const disclosures: TcfDisclosure[] = [];
  const warnings: string[] = [];
  registry.entries.forEach((entry, index) => {
    const category = resolveCategory(registry, entry);
    if (entry.kind === "flash" || !category) {
      warnings.push(
        `/entries/${index}: ${category ? "Flash storage has no TCF type" : "no category"}; left out`,
      );
      return;
    }
    const extra = entry as RegistryEntry & Record<string, unknown>;
    const ids = keptIds(extra, category) ?? TCF_PURPOSES_FOR_CATEGORY[category];
    const keptDomain = extra[EXT.domain];
    const domain =
      entry.domain === undefined ? "*" : keptDomain === `*.${entry.domain}` ? keptDomain : entry.domain;
    disclosures.push({
      identifier: entry.name,
      type: entry.kind === "cookie" ? "cookie" : "web",
      maxAgeSeconds: entry.maxAgeSeconds ?? null,
      ...(entry.kind === "cookie" ? { cookieRefresh: extra[EXT.cookieRefresh] === true } : {}),
      domain,
      purposes: [...ids.purposes],
      ...(ids.specialPurposes?.length ? { specialPurposes: [...ids.specialPurposes] } : {}),
    });
  });
  return { document: { disclosures }, warnings };
}

export interface FromTcfOptions {
  /** The site the resulting registry describes (TCF disclosures do not say). */
  site: Registry["site"];
  /** Default: every disclosed domain, else the policy URL's host. */
  properties?: string[];
  revision?: string;
  /** What a `web` disclosure becomes (default `localStorage`). */
  webKind?: Exclude<StorageKind, "cookie" | "flash">;
  provider?: RegistryEntry["provider"];
  /** Default `vendor-doc`: a disclosure is the vendor's own documentation. */
  source?: ClassificationSource;
  /** Where the disclosure was published; set as each entry's `url`. */
  url?: string;
}

export type FromTcfResult =
  | { ok: true; registry: Registry; warnings: string[] }
  | { ok: false; errors: RegistryIssue[] };

function ourDomain(tcfDomain: string | null | undefined): { domain?: string; kept?: string } {
  if (!tcfDomain || tcfDomain === "*") return {};
  if (tcfDomain.startsWith("*.")) return { domain: tcfDomain.slice(2), kept: tcfDomain };
  return { domain: tcfDomain };
}

function domainsOf(disclosure: TcfDisclosureInput): (string | null | undefined)[] {
  return disclosure.domains?.length ? disclosure.domains : [disclosure.domain];
}

function entryOf(
  disclosure: TcfDisclosureInput,
  tcfDomain: string | null | undefined,
  options: FromTcfOptions,
): Record<string, unknown> {
  const purposes = disclosure.purposes ?? [];
  const specialPurposes = disclosure.specialPurposes ?? [];
  const category = categoryFromTcf(purposes, specialPurposes);
  const isCookie = disclosure.type === "cookie";
  const dataCategories = (disclosure.specialFeatures ?? []).map((id) => TCF_SPECIAL_FEATURE_DATA[id]!);
  const { domain, kept } = ourDomain(tcfDomain);
  const maxAge = disclosure.maxAgeSeconds;
  const keptPurposes = isCanonicalTcf(category, purposes, specialPurposes)
    ? {}
    : {
        [EXT.purposes]: purposes,
        ...(specialPurposes.length ? { [EXT.specialPurposes]: specialPurposes } : {}),
      };
  return {
    kind: isCookie ? "cookie" : (options.webKind ?? "localStorage"),
    name: disclosure.identifier,
    ...(domain ? { domain } : {}),
    category,
    ...(options.provider ? { provider: options.provider } : {}),
    ...(maxAge !== undefined && (isCookie || maxAge !== null) ? { maxAgeSeconds: maxAge } : {}),
    ...(dataCategories.length ? { dataCategories } : {}),
    source: options.source ?? "vendor-doc",
    ...(options.url ? { url: options.url } : {}),
    ...keptPurposes,
    ...(isCookie && disclosure.cookieRefresh === true ? { [EXT.cookieRefresh]: true } : {}),
    ...(kept ? { [EXT.domain]: kept } : {}),
  };
}

const union = (a: readonly number[] | null | undefined, b: readonly number[] | null | undefined) => [
  ...new Set([...(a ?? []), ...(b ?? [])]),
];

/**
 * TCF disclosures (JSON text or a parsed value) → our registry, validated like any other:
 * errors carry pointers into the TCF document. `app` disclosures are left out with a warning;
 * repeated disclosures of one item are merged (purposes united) with a warning.
 */
export function fromTcf(input: unknown, options: FromTcfOptions): FromTcfResult {
  let text: string | undefined;
  let document = input;
  if (typeof input === "string") {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return { ok: false, errors: [parsed.issue] };
    ({ text, value: document } = parsed);
  }
  const parsed = v.safeParse(TcfDocumentSchema, document);
  if (!parsed.success) {
    const errors = issuesFromValibot(parsed.issues);
    return { ok: false, errors: text === undefined ? sortIssues(errors) : placeIssuesInText(text, errors) };
  }
  const warnings: string[] = [];
  // One entry per identity (kind + name + domain + path); repeated disclosures unite their purposes.
  const byIdentity = new Map<
    string,
    { disclosure: TcfDisclosureInput; tcfDomain?: string | null; index: number }
  >();
  parsed.output.disclosures.forEach((disclosure, index) => {
    if (disclosure.type === "app") {
      warnings.push(`/disclosures/${index}: "app" storage is not web storage; left out`);
      return;
    }
    for (const tcfDomain of domainsOf(disclosure)) {
      const identity = entryIdentity(
        entryOf(disclosure, tcfDomain, options) as { kind: string; name: string },
      );
      const first = byIdentity.get(identity);
      if (!first) {
        byIdentity.set(identity, { disclosure, tcfDomain, index });
        continue;
      }
      first.disclosure = {
        ...first.disclosure,
        purposes: union(first.disclosure.purposes, disclosure.purposes),
        specialPurposes: union(first.disclosure.specialPurposes, disclosure.specialPurposes),
      };
      warnings.push(`/disclosures/${index}: repeats /disclosures/${first.index}; purposes merged`);
    }
  });
  const pending = [...byIdentity.values()];
  const entries = pending.map((p) => entryOf(p.disclosure, p.tcfDomain, options));
  const disclosedDomains = entries.flatMap((e) => (typeof e.domain === "string" ? [e.domain] : []));
  const registry = {
    format: REGISTRY_FORMAT,
    revision: options.revision ?? "tcf-import",
    site: options.site,
    properties:
      options.properties ??
      (disclosedDomains.length ? [...new Set(disclosedDomains)] : [policyHost(options)]),
    purposes: {},
    entries,
  };
  const loaded = loadRegistry(registry);
  if (loaded.ok) return { ok: true, registry: loaded.registry, warnings };
  const errors = loaded.errors.map((issue) => {
    const match = /^\/entries\/(\d+)/.exec(issue.pointer);
    return match ? { ...issue, pointer: `/disclosures/${pending[Number(match[1])]?.index}` } : issue;
  });
  return { ok: false, errors };
}

function policyHost(options: FromTcfOptions): string {
  const url = options.site.policy.url;
  return /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() ?? url;
}
