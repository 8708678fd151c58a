import browser from "webextension-polyfill";
import type { CommandOf, CommandType, Reply, ReplyOf } from "../../shared/protocol/messages.ts";

/** Sends one command to the service worker; throws its error. */
export async function send<T extends CommandType>(command: CommandOf<T>): Promise<ReplyOf[T]> {
  const reply = (await browser.runtime.sendMessage(command)) as Reply<ReplyOf[T]> | undefined;
  if (!reply) throw new Error("no reply");
  if (!reply.ok) throw new Error(reply.error);
  return reply;
}

/** The tab the popup shows: `?tab=<id>` (popup opened as a tab, in tests) or the active tab. */
export async function targetTab(search: string): Promise<number> {
  const param = new URLSearchParams(search).get("tab");
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error("no active tab");
  return tab.id;
}
