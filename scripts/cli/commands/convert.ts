// `cookie-ledger convert --to tcf|ledger FILE`: between our registry and IAB TCF disclosures.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadRegistry } from "../../../shared/registry/load.ts";
import { SOURCES, STORAGE_KINDS } from "../../../shared/registry/schema.ts";
import { type FromTcfOptions, fromTcf, toTcf } from "../../../shared/registry/tcf.ts";
import type { CliIO, Command } from "../command.ts";
import { printIssues, readInput, usageError } from "./registry-cli.ts";

const OPTIONS = {
  to: { type: "string" },
  out: { type: "string", short: "o" },
  site: { type: "string" },
  "policy-url": { type: "string" },
  "policy-updated": { type: "string" },
  property: { type: "string", multiple: true },
  revision: { type: "string" },
  "web-kind": { type: "string" },
  provider: { type: "string" },
  "provider-url": { type: "string" },
  source: { type: "string" },
  url: { type: "string" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

const WEB_KINDS = STORAGE_KINDS.filter((kind) => kind !== "cookie" && kind !== "flash");

/** The registry fields a TCF document lacks, from the command line. */
function importOptions(values: Values): FromTcfOptions | string {
  const policyUrl = values["policy-url"];
  if (!policyUrl) return "--to ledger needs --policy-url URL (a registry names the site's policy)";
  const host = /^https?:\/\/([^/?#:\s]+)\S*$/i.exec(policyUrl)?.[1];
  if (!host) return `--policy-url must be an absolute http(s) URL, not ${JSON.stringify(policyUrl)}`;
  const webKind = values["web-kind"] ?? "localStorage";
  if (!(WEB_KINDS as readonly string[]).includes(webKind))
    return `--web-kind must be one of ${WEB_KINDS.join(", ")}`;
  const source = values.source ?? "vendor-doc";
  if (!(SOURCES as readonly string[]).includes(source))
    return `--source must be one of ${SOURCES.join(", ")}`;
  return {
    site: {
      name: values.site ?? host,
      policy: { url: policyUrl, updated: values["policy-updated"] ?? new Date().toISOString().slice(0, 10) },
    },
    ...(values.property?.length ? { properties: values.property } : {}),
    ...(values.revision ? { revision: values.revision } : {}),
    webKind: webKind as FromTcfOptions["webKind"],
    ...(values.provider
      ? {
          provider: {
            name: values.provider,
            ...(values["provider-url"] ? { url: values["provider-url"] } : {}),
          },
        }
      : {}),
    source: source as FromTcfOptions["source"],
    ...(values.url ? { url: values.url } : {}),
  };
}

async function emit(io: CliIO, out: string | undefined, document: unknown): Promise<void> {
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (out) await writeFile(resolve(io.cwd, out), text);
  else io.out(text.trimEnd());
}

export const convertCommand: Command = {
  name: "convert",
  summary: "Convert between a registry and IAB TCF Device Storage Disclosure JSON",
  usage: [
    "Usage: cookie-ledger convert --to tcf|ledger [options] FILE",
    "",
    "  --to tcf     FILE is a cookie-ledger/1 registry; writes TCF Device Storage Disclosure JSON",
    "               ({disclosures: [...]}). Flash entries have no TCF type and are left out.",
    "  --to ledger  FILE is a TCF disclosure; writes a cookie-ledger/1 registry. A TCF document",
    "               does not name the site, so give at least --policy-url.",
    "",
    "Options:",
    "  -o, --out FILE         Write to FILE instead of stdout",
    "  --policy-url URL       (ledger) The site's privacy policy (required)",
    "  --site NAME            (ledger) Site name (default: the policy URL's host)",
    "  --policy-updated DATE  (ledger) When the policy changed (default: today)",
    "  --property DOMAIN      (ledger) A domain the registry covers; repeatable (default: disclosed domains)",
    "  --revision TEXT        (ledger) Registry revision (default: tcf-import)",
    `  --web-kind KIND        (ledger) What "web" storage becomes: ${WEB_KINDS.join(", ")} (default: localStorage)`,
    "  --provider NAME        (ledger) Provider of every entry; --provider-url URL adds its address",
    `  --source SOURCE        (ledger) ${SOURCES.join(", ")} (default: vendor-doc)`,
    "  --url URL              (ledger) Where the disclosure is published; set on every entry",
    "  -h, --help             Show this help",
    "",
    'Purposes map to categories as docs/registry.md ("TCF mapping") describes. Problems in FILE are',
    "reported like `cookie-ledger validate` does. Exit status: 0 converted, 1 invalid input, 2 usage error.",
  ].join("\n"),
  async run(args, io) {
    let parsed: { values: Values; positionals: string[] };
    try {
      parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
    } catch (error) {
      return usageError(io, "convert", error);
    }
    const { values, positionals } = parsed;
    if (values.to !== "tcf" && values.to !== "ledger") {
      return usageError(io, "convert", new Error("--to must be tcf or ledger"));
    }
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) return usageError(io, "convert", new Error("give exactly one FILE"));
    const options = values.to === "ledger" ? importOptions(values) : undefined;
    if (typeof options === "string") return usageError(io, "convert", new Error(options));
    const input = await readInput(file, io);
    if (!input.ok) {
      printIssues(io, file, [input.issue]);
      return 1;
    }
    if (options === undefined) {
      const loaded = loadRegistry(input.text);
      if (!loaded.ok) {
        printIssues(io, file, loaded.errors);
        return 1;
      }
      const { document, warnings } = toTcf(loaded.registry);
      for (const warning of warnings) io.err(`${file}: warning: ${warning}`);
      await emit(io, values.out, document);
      return 0;
    }
    const imported = fromTcf(input.text, options);
    if (!imported.ok) {
      printIssues(io, file, imported.errors);
      return 1;
    }
    for (const warning of imported.warnings) io.err(`${file}: warning: ${warning}`);
    await emit(io, values.out, imported.registry);
    return 0;
  },
};
