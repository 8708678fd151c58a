import type { Command } from "../command.ts";
import { start } from "./start.ts";

/** Every sub-command, in the order `--help` lists them. Each lives in its own file. */
export const COMMANDS: Command[] = [start];
