// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import type { Consent, ConsentChange, Ledger, OptionalCategory, Registry } from "../../sdk/types.ts";
import en from "../../sdk/ui/en.json" with { type: "json" };
import type { Lang } from "../../sdk/ui/i18n.ts";
import { type ConsentUi, mountConsentUi, type UiOptions } from "../../sdk/ui/mount.tsx";
import zh from "../../sdk/ui/zh-CN.json" with { type: "json" };
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

/** The texts loader of the tests: records which languages were asked for; `hold` keeps a load pending. */
function texts() {
  const asked: Lang[] = [];
  const pending: (() => void)[] = [];
  let hold = false;
  const load = (lang: Lang) => {
    asked.push(lang);
    const value = lang === "en" ? en : zh;
    if (!hold) return Promise.resolve(value);
    return new Promise<string[]>((resolve) => pending.push(() => resolve(value)));
  };
  return {
    asked,
    load,
    hold: (on: boolean) => {
      hold = on;
    },
    release: () => {
      for (const resolve of pending.splice(0)) resolve();
    },
  };
}

/** Mounts with the test texts, and waits until they are in. */
async function mount(ledger: Ledger, o: Partial<UiOptions> = {}) {
  const ui = mountConsentUi(ledger, { css: false, texts: texts().load, ...o });
  await settle();
  return ui;
}
const settle = () => new Promise((resolve) => setTimeout(resolve));

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

  it("shows the banner until a decision, then the reopen button, and focuses it", async () => {
    const { ledger, calls } = fakeLedger();
    ui = await mount(ledger);
    expect(document.body.firstElementChild?.className).toBe("clui");
    expect(document.querySelector("[role=dialog]")?.getAttribute("aria-labelledby")).toBe("clui-bt");
    button("Accept all").click();
    expect(calls).toEqual(['acceptAll banner {"functional":true,"analytics":true,"marketing":true}']);
    expect(document.querySelector(".clui-banner")).toBeNull();
    expect(document.activeElement).toBe(button("Cookie settings"));
  });

  it("saves the switches, and withdraw brings the banner back", async () => {
    const { ledger, calls } = fakeLedger();
    ui = await mount(ledger);
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

  it("follows consent changed elsewhere, opens from data-cookie-ledger-open, and cleans up", async () => {
    const { ledger, external, listeners } = fakeLedger();
    const link = document.createElement("a");
    link.setAttribute("data-cookie-ledger-open", "");
    document.body.append(link);
    ui = await mount(ledger, { lang: "zh-CN" });
    external({ functional: true, analytics: false, marketing: false });
    expect(document.querySelector(".clui-banner")).toBeNull();
    link.click();
    expect(document.querySelector("[aria-modal=true] h2")?.textContent).toBe("存储偏好设置");
    ui.setLang("en");
    await settle();
    expect(document.querySelector("[aria-modal=true] h2")?.textContent).toBe("Storage preferences");
    ui.destroy();
    ui = undefined;
    expect(document.querySelector(".clui")).toBeNull();
    expect(listeners.size).toBe(0);
    link.click();
    expect(document.querySelector(".clui")).toBeNull();
  });

  it("links its stylesheet with the nonce and stays hidden until it loads", async () => {
    const { ledger } = fakeLedger();
    ui = await mount(ledger, { css: "https://cdn.example/cookie-ledger-ui.css", nonce: "n0nce" });
    const link = document.head.querySelector("link") as HTMLLinkElement;
    expect(link.href).toBe("https://cdn.example/cookie-ledger-ui.css");
    expect(link.nonce).toBe("n0nce");
    const root = document.querySelector(".clui") as HTMLElement;
    expect(root.hidden).toBe(true);
    link.dispatchEvent(new Event("load"));
    expect(root.hidden).toBe(false);
  });

  it("asks for the texts of the language it shows, once, and of the other only on a switch", async () => {
    const { ledger } = fakeLedger();
    const t = texts();
    ui = mountConsentUi(ledger, { css: false, lang: "zh-CN", texts: t.load });
    // Nothing to show before the texts are in.
    expect(document.querySelector(".clui")?.childElementCount).toBe(0);
    await settle();
    expect(button("全部接受")).toBeDefined();
    button("设置").click();
    expect(t.asked).toEqual(["zh-CN"]);

    // While the English texts load, the Chinese stay; the open dialog keeps its focus.
    t.hold(true);
    button("English").click();
    const focused = document.activeElement;
    expect(document.querySelector("[aria-modal=true] h2")?.textContent).toBe("存储偏好设置");
    expect(document.querySelector(".clui")?.getAttribute("lang")).toBe("zh-CN");
    t.release();
    await settle();
    expect(document.querySelector("[aria-modal=true] h2")?.textContent).toBe("Storage preferences");
    expect(document.querySelector(".clui")?.getAttribute("lang")).toBe("en");
    expect(document.activeElement).toBe(focused);
    button("中文").click();
    button("English").click();
    expect(t.asked).toEqual(["zh-CN", "en"]);
  });

  it("opened before its texts are in, the preference centre takes focus when it appears", async () => {
    const { ledger } = fakeLedger();
    const t = texts();
    t.hold(true);
    ui = mountConsentUi(ledger, { css: false, texts: t.load });
    ui.open();
    expect(document.querySelector("[aria-modal=true]")).toBeNull();
    t.release();
    await settle();
    const modal = document.querySelector("[aria-modal=true]");
    expect(modal).not.toBeNull();
    expect(document.activeElement).toBe(modal);
  });

  it("reports texts that fail to load and asks again at the next change", async () => {
    const { ledger, external } = fakeLedger();
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    let fail = true;
    try {
      ui = mountConsentUi(ledger, {
        css: false,
        texts: (lang) => (fail ? Promise.reject(new Error("404")) : Promise.resolve(lang === "en" ? en : zh)),
      });
      await settle();
      expect(errors).toHaveLength(1);
      expect(document.querySelector(".clui")?.childElementCount).toBe(0);
      fail = false;
      external({ functional: false, analytics: false, marketing: false });
      await settle();
      expect(button("Cookie settings")).toBeDefined();
    } finally {
      console.error = original;
    }
  });
});
