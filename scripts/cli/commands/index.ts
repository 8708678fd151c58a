import type { Command } from "../command.ts";
import { convertCommand } from "./convert.ts";
import { start } from "./start.ts";
import { validateCommand } from "./validate.ts";

/** Every sub-command, in the order `--help` lists them. Each lives in its own file. */
export const COMMANDS: Command[] = [start, validateCommand, convertCommand];
