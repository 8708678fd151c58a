// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import type { Consent, ConsentChange, Ledger, OptionalCategory, Registry } from "../../sdk/types.ts";
import { type ConsentUi, mountConsentUi } from "../../sdk/ui/mount.tsx";
import { DINGTALK_REGISTRY } from "../../shared/registries/index.ts";

type Cats = Record<OptionalCategory, boolean>;

/** A stand-in for the core's public API: records the calls the UI makes. */
function fakeLedger() {
  const calls: string[] = [];
  const listeners = new Set<(c: ConsentChange) => void>();
  let state: Consent = {
    decided: false,
    categories: { functional: false, analytics: false, marketing: false },
    gpc: false,
  };
  const decide = (name: string, cats: Cats | undefined, from?: string) => {
    calls.push(`${name} ${from}${cats ? ` ${JSON.stringify(cats)}` : ""}`);
    state = { ...state, decided: name !== "withdraw", categories: cats ?? state.categories };
    const change = { consent: state, from: "banner", reload: [] } as ConsentChange;
    for (const l of listeners) l(change);
    return Promise.resolve(change);
  };
  const all = (v: boolean): Cats => ({ functional: v, analytics: v, marketing: v });
  const ledger = {
    registry: DINGTALK_REGISTRY as Registry,
    consent: {
      get: () => state,
      set: (c: Partial<Cats>, from?: string) => decide("set", { ...state.categories, ...c }, from),
      acceptAll: (from?: string) => decide("acceptAll", all(true), from),
      rejectAll: (from?: string) => decide("rejectAll", all(false), from),
      withdraw: (from?: string) => decide("withdraw", all(false), from),
    },
    on: (_: string, fn: (c: ConsentChange) => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  } as unknown as Ledger;
  return { ledger, calls, listeners, external: (cats: Cats) => decide("external", cats, "extension") };
}

const button = (name: string) =>
  [...document.querySelectorAll("button")].find((b) => b.textContent === name) as HTMLButtonElement;

describe("mountConsentUi", () => {
  let ui: ConsentUi | undefined;
  afterEach(() => {
    ui?.destroy();
    ui = undefined;
    document.body.innerHTML = "";
    document.head.innerHTML = "";
  });

  it("shows the banner until a decision, then the reopen button, and focuses it", () => {
    const { ledger, calls } = fakeLedger();
    ui = mountConsentUi(ledger, { css: false });
    expect(document.body.firstElementChild?.className).toBe("clui");
    expect(document.querySelector("[role=dialog]")?.getAttribute("aria-labelledby")).toBe("clui-bt");
    button("Accept all").click();
    expect(calls).toEqual(['acceptAll banner {"functional":true,"analytics":true,"marketing":true}']);
    expect(document.querySelector(".clui-banner")).toBeNull();
    expect(document.activeElement).toBe(button("Cookie settings"));
  });

  it("saves the switches, and withdraw brings the banner back", () => {
    const { ledger, calls } = fakeLedger();
    ui = mountConsentUi(ledger, { css: false });
    button("Settings").click();
    const modal = document.querySelector("[aria-modal=true]") as HTMLElement;
    expect(document.activeElement).toBe(modal);
    const marketing = modal.querySelectorAll("input")[3] as HTMLInputElement;
    marketing.click();
    button("Save choices").click();
    expect(calls).toEqual(['set banner {"functional":false,"analytics":false,"marketing":true}']);
    expect(document.querySelector("[aria-modal=true]")).toBeNull();
    button("Cookie settings").click();
    button("Withdraw consent").click();
    expect(calls[1]).toBe('withdraw banner {"functional":false,"analytics":false,"marketing":false}');
    expect(document.querySelector(".clui-banner")).not.toBeNull();
  });

  it("follows consent changed elsewhere, opens from data-cookie-ledger-open, and cleans up", () => {
    const { ledger, external, listeners } = fakeLedger();
    const link = document.createElement("a");
    link.setAttribute("data-cookie-ledger-open", "");
    document.body.append(link);
    ui = mountConsentUi(ledger, { css: false, lang: "zh-CN" });
    external({ functional: true, analytics: false, marketing: false });
    expect(document.querySelector(".clui-banner")).toBeNull();
    link.click();
    expect(document.querySelector("[aria-modal=true] h2")?.textContent).toBe("存储偏好设置");
    ui.setLang("en");
    expect(document.querySelector("[aria-modal=true] h2")?.textContent).toBe("Storage preferences");
    ui.destroy();
    ui = undefined;
    expect(document.querySelector(".clui")).toBeNull();
    expect(listeners.size).toBe(0);
    link.click();
    expect(document.querySelector(".clui")).toBeNull();
  });

  it("links its stylesheet with the nonce and stays hidden until it loads", () => {
    const { ledger } = fakeLedger();
    ui = mountConsentUi(ledger, { css: "https://cdn.example/cookie-ledger-ui.css", nonce: "n0nce" });
    const link = document.head.querySelector("link") as HTMLLinkElement;
    expect(link.href).toBe("https://cdn.example/cookie-ledger-ui.css");
    expect(link.nonce).toBe("n0nce");
    const root = document.querySelector(".clui") as HTMLElement;
    expect(root.hidden).toBe(true);
    link.dispatchEvent(new Event("load"));
    expect(root.hidden).toBe(false);
  });
});
