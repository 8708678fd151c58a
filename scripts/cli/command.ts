/** A `cookie-ledger` sub-command. `run` returns the process exit code; it never throws for bad input. */
export interface Command {
  name: string;
  summary: string;
  /** Full help text shown by `cookie-ledger help NAME` and `NAME --help`. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is an interactive terminal (progress bars, colour). */
  isTTY: boolean;
  cwd: string;
}
