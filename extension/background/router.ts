import type { Runtime } from "webextension-polyfill";
import {
  type Command,
  type CommandOf,
  type CommandType,
  PAGE_COMMANDS,
  parseCommand,
  type Reply,
  type ReplyOf,
} from "../../shared/protocol/messages.ts";
import { siteOfUrl } from "./site.ts";

/** Who sent a command, as far as the browser vouches for it. */
export type Principal =
  | { kind: "extension" }
  /** A content script (or a page through it): bound to its tab and that tab's site. */
  | { kind: "page"; tabId: number; site: string };

/** Decides the principal from `sender` alone; `undefined` = refuse. */
export function principalOf(sender: Runtime.MessageSender, extensionOrigin: string, ownId: string) {
  if (sender.id !== undefined && sender.id !== ownId) return undefined;
  const url = sender.url ?? "";
  if (url.startsWith(extensionOrigin)) return { kind: "extension" } as Principal;
  const tabId = sender.tab?.id;
  const site = siteOfUrl(sender.tab?.url);
  if (tabId === undefined || site === undefined) return undefined;
  return { kind: "page", tabId, site } as Principal;
}

/** A command with its tab and site fixed by the sender's rights. */
export type Scoped<T extends CommandType = CommandType> = {
  command: CommandOf<T>;
  tabId?: number;
  site?: string;
};

/**
 * Applies the trust rules (docs/protocol.md, "Trust"): a page may send only PAGE_COMMANDS, and only about
 * its own tab and site — a different `tabId` or `site` in the body is refused, not corrected.
 */
export function scope(command: Command, who: Principal): Scoped | string {
  if (who.kind === "extension") {
    const tabId = "tabId" in command ? command.tabId : undefined;
    const site = "site" in command ? command.site : undefined;
    return { command, tabId, site };
  }
  if (!PAGE_COMMANDS.includes(command.type)) return `forbidden: ${command.type} is for extension pages only`;
  if ("tabId" in command && command.tabId !== undefined && command.tabId !== who.tabId)
    return "forbidden: another tab";
  if ("site" in command && command.site !== undefined && command.site !== who.site)
    return "forbidden: another site";
  return { command, tabId: who.tabId, site: who.site };
}

export type Handlers = { [T in CommandType]: (s: Scoped<T>) => Promise<ReplyOf[T]> };

/** Validates, authorizes and dispatches one message; never throws. */
export async function route(
  message: unknown,
  sender: Runtime.MessageSender,
  handlers: Handlers,
  identity: { extensionOrigin: string; id: string },
): Promise<Reply<Record<string, unknown>>> {
  const command = parseCommand(message);
  if (!command) return { ok: false, error: "invalid command" };
  const who = principalOf(sender, identity.extensionOrigin, identity.id);
  if (!who) return { ok: false, error: "forbidden: unknown sender" };
  const scoped = scope(command, who);
  if (typeof scoped === "string") return { ok: false, error: scoped };
  try {
    const handler = handlers[command.type] as (s: Scoped) => Promise<Record<string, unknown>>;
    return { ok: true, ...(await handler(scoped)) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
