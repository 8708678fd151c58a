import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { formatIssue } from "../../../shared/registry/errors.ts";
import { loadRegistry } from "../../../shared/registry/load.ts";
import { readReport } from "../../audit/report/json.ts";
import { scaffoldRegistry } from "../../audit/scaffold.ts";
import type { Command } from "../command.ts";

const USAGE = `Usage: cookie-ledger scaffold <audit.json> > registry.json

Drafts a registry (format cookie-ledger/1) from what an audit observed: one entry per distinct item,
classified from the audited registry or the Open Cookie Database, every entry marked "source": "inferred".
Items nothing could classify are drafted as marketing, with a note to review them. Review the draft, fill in
the policy clauses, then run \`cookie-ledger validate\`.

Exit codes: 0 written, 2 bad arguments or not an audit report.`;

export const scaffoldCommand: Command = {
  name: "scaffold",
  summary: "Draft a registry from an audit's JSON report",
  usage: USAGE,
  async run(args, io) {
    const [file, ...extra] = args;
    if (!file || extra.length > 0 || file.startsWith("-")) {
      io.err("cookie-ledger scaffold: give exactly one audit JSON report");
      return 2;
    }
    const text = await readFile(resolve(io.cwd, file), "utf8").catch(() => undefined);
    const read = text === undefined ? { ok: false as const, error: "cannot read it" } : readReport(text);
    if (!read.ok) {
      io.err(`cookie-ledger scaffold: ${file}: ${read.error}`);
      return 2;
    }
    const registry = scaffoldRegistry(read.report);
    const checked = loadRegistry(registry);
    if (!checked.ok) {
      // A draft that does not validate is a bug here, not the user's: say so rather than print it.
      for (const issue of checked.errors)
        io.err(`cookie-ledger scaffold: internal error: ${formatIssue(issue)}`);
      return 1;
    }
    io.out(JSON.stringify(registry, null, 2));
    return 0;
  },
};
