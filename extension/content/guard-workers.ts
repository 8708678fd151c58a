/**
 * Workers the page starts: content scripts never run inside them, so the `Worker` and `SharedWorker`
 * constructors are wrapped (dressed as the natives by guard-native.ts). A same-origin script — a file or a
 * same-origin blob: URL, classic or module — is replaced by a blob: wrapper that first runs the worker guard
 * (guard-worker-scope.ts, its source with the rules embedded as JSON), then the original script:
 * `importScripts(url)` for a classic worker, static `import`s in order for a module worker (a top-level
 * await would let early messages reach the worker before its handlers). No extension URL is involved, so
 * nothing needs to be web-accessible. Other-origin URLs (the constructor throws) and data: URLs (opaque
 * origin, no storage of the site) are passed on as they are. Each argument is turned into a string once,
 * and the options are copied, so a getter or `toString` cannot answer the check and the native differently.
 */
import { parseGlob } from "../../shared/match/glob.ts";
import type { GuardKind } from "./guard-config.ts";
import type { Fn, Natives } from "./guard-native.ts";
import { cookieLedgerWorkerGuard, type WorkerRules } from "./guard-worker-scope.ts";

/** Kinds a worker can write: IndexedDB, Cache Storage, and cookies through `cookieStore`. */
const WORKER_KINDS: readonly GuardKind[] = ["i", "k", "c"];
/** The worker options that are copied (read once) and passed on. */
const FIELDS = ["type", "credentials", "name", "sameSiteCookies"] as const;

export function guardWorkers(natives: Natives, rules: readonly [GuardKind, string][]): void {
  const { apply, defineProperty, getOwnPropertyDescriptor: own, replace } = natives;
  const workerRules: WorkerRules = [];
  for (const [kind, glob] of rules)
    if (WORKER_KINDS.includes(kind)) workerRules.push([kind, [...parseGlob(glob).segments]]);
  if (workerRules.length === 0) return;
  const { construct } = Reflect;
  const asString = String;
  const stringify = JSON.stringify;
  const { get: mapGet, set: mapSet } = Map.prototype;
  const { slice } = Array.prototype;
  const create = Object.create;
  const source = apply(Function.prototype.toString, cookieLedgerWorkerGuard, []) as string;
  const rulesJson = stringify(workerRules);
  const URLc = URL;
  const BlobC = Blob;
  const createObjectURL = URL.createObjectURL;
  const urlHref = own(URL.prototype, "href")?.get as Fn;
  const urlOrigin = own(URL.prototype, "origin")?.get as Fn;
  const baseURI = own(Node.prototype, "baseURI")?.get as Fn;
  const windowOrigin = own(window, "origin")?.get as Fn;
  const doc = document;
  const win = window;

  // One wrapper per script and type in this document, so that same-URL shared workers of the page stay shared.
  const made = new Map<string, string>();
  const blobUrl = (code: string) =>
    apply(createObjectURL, URLc, [new BlobC([code], { type: "text/javascript" })]) as string;
  /** The wrapper's URL for a same-origin script, else undefined. */
  const wrap = (text: string, module: boolean): string | undefined => {
    const u = new URLc(text, apply(baseURI, doc, []) as string);
    if (apply(urlOrigin, u, []) !== apply(windowOrigin, win, [])) return undefined;
    const url = apply(urlHref, u, []) as string;
    const key = `${module} ${url}`;
    let script = apply(mapGet, made, [key]) as string | undefined;
    if (!script) {
      const guard = `"use strict";(${source})(${rulesJson},${stringify(url)});`;
      script = blobUrl(
        module
          ? `import ${stringify(blobUrl(guard))};import ${stringify(url)};`
          : `${guard}importScripts(${stringify(url)});`,
      );
      apply(mapSet, made, [key, script]);
    }
    return script;
  };
  /** The constructor's arguments with the script replaced by its wrapper (same-origin scripts only). */
  const wrapArgs = (args: unknown[]): unknown[] => {
    if (args.length === 0) return args;
    const text = asString(args[0]);
    const raw = args[1];
    let options: unknown = raw;
    let module = false;
    if (typeof raw === "object" && raw !== null) {
      const o = raw as Record<string, unknown>;
      // No prototype: a setter or getter the page put on Object.prototype cannot stand in for a field.
      const copy = create(null) as Record<string, unknown>;
      for (let i = 0; i < FIELDS.length; i++) copy[FIELDS[i]!] = o[FIELDS[i]!];
      if (copy.type !== undefined) copy.type = asString(copy.type);
      module = copy.type === "module";
      options = copy;
    }
    let script: string | undefined;
    try {
      script = wrap(text, module);
    } catch {} // An invalid URL: the native throws its own error.
    return args.length > 1 ? [script ?? text, options] : [script ?? text];
  };
  const dress = (native: Fn, W: Fn) => {
    defineProperty(W, "prototype", { value: native.prototype, writable: false });
    defineProperty(native.prototype, "constructor", { value: W });
    return W;
  };

  // Two functions with different source text: guard-native.ts recognises a replacement by its source.
  replace(window, "Worker", "value", (native) =>
    dress(native, function Worker(this: unknown, _url: unknown) {
      // biome-ignore lint/suspicious/noRedundantUseStrict: strict whatever the bundle is: no own arguments/caller, like the native
      "use strict";
      // biome-ignore lint/complexity/noArguments: a rest parameter is not allowed with "use strict"
      const args = apply(slice, arguments, []) as unknown[];
      return new.target ? construct(native, wrapArgs(args), new.target) : apply(native, this, args);
    } as Fn),
  );
  if (typeof SharedWorker === "function")
    replace(window, "SharedWorker", "value", (native) =>
      dress(native, function SharedWorker(this: unknown, _url: unknown) {
        // biome-ignore lint/suspicious/noRedundantUseStrict: strict whatever the bundle is: no own arguments/caller, like the native
        "use strict";
        // biome-ignore lint/complexity/noArguments: a rest parameter is not allowed with "use strict"
        const args = apply(slice, arguments, []) as unknown[];
        return new.target ? construct(native, wrapArgs(args), new.target) : apply(native, this, args);
      } as Fn),
    );
}
