/**
 * Progress of an audit: a bar (cli-progress) on a terminal, one plain line per finished page elsewhere (CI
 * logs). Both write to stderr so stdout stays for the summary.
 */
import cliProgress from "cli-progress";

export interface Progress {
  /** More work became known (pages discovered by the crawl). */
  grow(by: number): void;
  done(label: string, ok: boolean): void;
  stop(): void;
}

export function createProgress(isTTY: boolean, write: (line: string) => void): Progress {
  let total = 0;
  let finished = 0;
  if (!isTTY) {
    return {
      grow: (by) => {
        total += by;
      },
      done(label, ok) {
        finished++;
        write(`[${finished}/${total}] ${ok ? "ok" : "FAILED"} ${label}`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: "auditing [{bar}] {value}/{total} pages×scenarios | {label}",
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    grow(by) {
      total += by;
      if (!started) {
        bar.start(total, 0, { label: "" });
        started = true;
      } else bar.setTotal(total);
    },
    done(label) {
      finished++;
      bar.update(finished, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** For programmatic runs and tests. */
export const silentProgress: Progress = { grow() {}, done() {}, stop() {} };
