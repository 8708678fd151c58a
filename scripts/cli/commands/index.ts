import type { Command } from "../command.ts";
import { auditCommand } from "./audit.ts";
import { convertCommand } from "./convert.ts";
import { demo } from "./demo.ts";
import { mergeCommand } from "./merge.ts";
import { scaffoldCommand } from "./scaffold.ts";
import { registryTable, start } from "./start.ts";
import { validateCommand } from "./validate.ts";

/** Every sub-command, in the order `--help` lists them. Each lives in its own file. */
export const COMMANDS: Command[] = [
  start,
  validateCommand,
  convertCommand,
  auditCommand,
  scaffoldCommand,
  mergeCommand,
  demo,
  registryTable,
];
