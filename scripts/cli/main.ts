import type { CliIO, Command } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  return [
    "cookie-ledger — make a website's device storage transparent and controllable",
    "",
    "Usage: cookie-ledger <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${"help".padEnd(width)}  Show help for a command`,
    "",
    "Run `cookie-ledger <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    io.out(overview());
    return name ? 0 : 2;
  }
  if (name === "help") {
    const cmd = COMMANDS.find((c) => c.name === rest[0]);
    io.out(cmd ? cmd.usage : overview());
    return 0;
  }
  const cmd: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`cookie-ledger: unknown command "${name}". Run \`cookie-ledger --help\`.`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (error) {
    // Never a stack trace for the user; DEBUG=cookie-ledger shows it.
    io.err(`cookie-ledger ${name}: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG?.includes("cookie-ledger") && error instanceof Error) io.err(error.stack ?? "");
    return 1;
  }
}
