import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demo } from "../../scripts/cli/commands/demo.ts";
import { chromiumCommand } from "../../scripts/demo/chromium-command.ts";
import { HOSTS } from "../../scripts/demo/hosts.ts";
import { propertySetPaths } from "../../scripts/demo/paths.ts";

/** Resolves once `text` appears in the stream's output so far. */
function waitForOutput(stream: NodeJS.ReadableStream, text: string): Promise<string> {
  let seen = "";
  return new Promise((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (seen.includes(text)) resolve(seen);
    });
    stream.on("end", () => reject(new Error(`output ended without "${text}":\n${seen}`)));
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("cookie-ledger demo", () => {
  it("prints the hosts and the Chromium command line, serves, and stops cleanly on Ctrl-C", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli/bin.ts", "demo", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const output = await waitForOutput(child.stdout, "Press Ctrl-C to stop.");
      const port = Number(/127\.0\.0\.1:(\d+) \(ready/.exec(output)?.[1]);
      expect(port).toBeGreaterThan(0);
      for (const host of HOSTS) expect(output).toContain(`https://${host.name}/`);
      const extension = propertySetPaths().extension;
      const built = existsSync(join(extension, "manifest.json"));
      expect(output).toContain(chromiumCommand(port, { extensionDir: built ? extension : undefined }));
      expect(output).toContain("dist/extension/chrome");
      expect(await accepts(port)).toBe(true);

      const rest = waitForOutput(child.stdout, "stopped.");
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(await rest).toContain("SIGINT: stopped.");
      expect(await accepts(port)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("rejects a bad port with usage and exit code 2", async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => err.push(t), isTTY: false, cwd: process.cwd() };
    expect(await demo.run(["--port", "http"], io)).toBe(2);
    expect(err.join("\n")).toContain("--port needs a number");
    expect(err.join("\n")).toContain("Usage: cookie-ledger demo");
  });

  it("builds a command line that maps every host of the set to the port", () => {
    const line = chromiumCommand(9443, { extensionDir: "/x/dist/extension/chrome" });
    for (const host of HOSTS) {
      const domain =
        host.name.split(".").slice(-1)[0] === "test"
          ? "*.test"
          : `*.${host.name.split(".").slice(-2).join(".")}`;
      expect(line).toContain(`MAP ${domain} 127.0.0.1:9443`);
    }
    expect(line).toMatch(/^chromium --user-data-dir=\$\(mktemp -d\) /);
    expect(line).toContain("--load-extension=/x/dist/extension/chrome");
    expect(line.endsWith(" https://www.dingtalk.com/")).toBe(true);
  });
});
