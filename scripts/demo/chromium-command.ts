import { hostResolverRules } from "./hosts.ts";

/** Quotes an argument for a POSIX shell when it needs it. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The Chromium command line that browses the property set on `port`: host mapping, certificate flag, a throw-away
 * profile and, when given, the built extension.
 */
export function chromiumCommand(
  port: number,
  options: { extensionDir?: string; start?: string } = {},
): string {
  const args = [
    "--user-data-dir=$(mktemp -d)",
    shellQuote(`--host-resolver-rules=${hostResolverRules(port)}`),
    "--ignore-certificate-errors",
    ...(options.extensionDir ? [shellQuote(`--load-extension=${options.extensionDir}`)] : []),
    options.start ?? "https://www.dingtalk.com/",
  ];
  // The profile argument stays unquoted so the shell runs mktemp.
  return ["chromium", ...args].join(" ");
}
