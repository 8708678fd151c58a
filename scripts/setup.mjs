// `npm run setup`: npm packages, then Debian's Chromium when no browser is present.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  execFileSync(cmd, args, { stdio: "inherit" });
}

run("npm", [existsSync("package-lock.json") ? "ci" : "install", "--no-audit", "--no-fund"]);

const chrome = process.env.CHROME_PATH;
if ((chrome && existsSync(chrome)) || existsSync("/usr/bin/chromium")) {
  console.log(`Chromium: ${chrome && existsSync(chrome) ? chrome : "/usr/bin/chromium"}`);
} else {
  // Nothing may download its own browser here: Debian's package is the one we use.
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (...args) => (sudo.length ? run("sudo", ["apt-get", ...args]) : run("apt-get", args));
  apt("update", "-qq");
  process.env.DEBIAN_FRONTEND = "noninteractive";
  apt("install", "-y", "-qq", "chromium");
}
