import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromiumCommand } from "../../demo/chromium-command.ts";
import { type PropertySet, startPropertySet } from "../../demo/server.ts";
import type { CliIO, Command } from "../command.ts";

const DEFAULT_PORT = 8443;

const usage = `Usage: cookie-ledger demo [--port N] [--sdk]

Serves the local copy of DingTalk's property set (www., im., open., appcenter., open-drp., h5.dingtalk.com,
club.dingding.xin, and analytics/ads/CDN hosts under .test) over HTTPS on 127.0.0.1, and prints the Chromium
command line that browses it. Stops on Ctrl-C.

Options:
  --port N   Port to listen on (default ${DEFAULT_PORT}, or a free one when ${DEFAULT_PORT} is taken; 0 = any free port)
  --sdk      Insert the Cookie Ledger SDK tag into every page (when dist/sdk/cookie-ledger.js is built)
  --help     Show this help

The pages need \`npm run build\` (dist/property-set/). See docs/property-set.md.`;

interface DemoArgs {
  port?: number;
  sdk: boolean;
}

function parseArgs(args: string[]): DemoArgs | string {
  const parsed: DemoArgs = { sdk: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--sdk") parsed.sdk = true;
    else if (arg === "--port" || arg.startsWith("--port=")) {
      const value = arg === "--port" ? args[++i] : arg.slice("--port=".length);
      const port = Number(value);
      if (!value || !Number.isInteger(port) || port < 0 || port > 65_535) {
        return `--port needs a number from 0 to 65535, found "${value ?? ""}"`;
      }
      parsed.port = port;
    } else return `unknown option "${arg}"`;
  }
  return parsed;
}

async function start(args: DemoArgs, io: CliIO): Promise<PropertySet> {
  if (args.port !== undefined) return startPropertySet({ port: args.port, sdk: args.sdk });
  try {
    return await startPropertySet({ port: DEFAULT_PORT, sdk: args.sdk });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    io.err(`port ${DEFAULT_PORT} is taken; using a free port`);
    return startPropertySet({ port: 0, sdk: args.sdk });
  }
}

/** Resolves on the first SIGINT or SIGTERM, then stops listening for them. */
function interrupted(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

export const demo: Command = {
  name: "demo",
  summary: "Serve the local DingTalk-shaped property set and print how to browse it",
  usage,
  async run(argv, io) {
    const args = parseArgs(argv);
    if (typeof args === "string") {
      io.err(`cookie-ledger demo: ${args}\n\n${usage}`);
      return 2;
    }
    const began = performance.now();
    const set = await start(args, io);
    const stopped = interrupted();
    const extensionDir = set.paths.extension;
    const hasExtension = existsSync(join(extensionDir, "manifest.json"));
    const width = Math.max(...set.hosts.map((h) => h.name.length)) + "https:///".length;
    io.out(
      `Cookie Ledger property set on https://127.0.0.1:${set.port} (ready in ${Math.round(performance.now() - began)} ms)`,
    );
    io.out(
      `SDK tag in pages: ${args.sdk ? (set.sdkAvailable ? "yes" : "asked for, but dist/sdk/cookie-ledger.js is not built") : "no (add ?sdk=1 to a page URL)"}`,
    );
    io.out("\nHosts:");
    for (const host of set.hosts) io.out(`  ${`https://${host.name}/`.padEnd(width)}  ${host.description}`);
    io.out("\nBrowse it with Chromium:");
    io.out(`  ${chromiumCommand(set.port, { extensionDir: hasExtension ? extensionDir : undefined })}`);
    if (!hasExtension)
      io.out(`  (add --load-extension=${extensionDir} after \`npm run build\` to load the extension)`);
    io.out("\nPress Ctrl-C to stop.");
    const signal = await stopped;
    await set.stop();
    io.out(`\n${signal}: stopped.`);
    return 0;
  },
};
