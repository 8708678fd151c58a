import { describe, expect, it } from "vitest";
import type { Cookies, Runtime } from "webextension-polyfill";
import { badgeCount } from "../../extension/background/badge.ts";
import { exactGlob, planSite, registryRules } from "../../extension/background/blocking/plan.ts";
import {
  createSettingsStore,
  effectiveBlocked,
  emptySettings,
  sitesWithBlocking,
} from "../../extension/background/blocking/settings.ts";
import {
  classify,
  confineToSite,
  itemFindings,
  registrySource,
} from "../../extension/background/classify.ts";
import {
  type CookieApi,
  cookieToItem,
  readCookies,
  removeCookies,
} from "../../extension/background/cookies.ts";
import { csvCell } from "../../extension/background/export.ts";
import { principalOf, scope } from "../../extension/background/router.ts";
import { fetchWellKnown, WELL_KNOWN_MAX_BYTES } from "../../extension/background/well-known.ts";
import { decodeGuardConfig, encodeGuardConfig } from "../../extension/content/guard-config.ts";
import { PAGE_COMMANDS, parseCommand } from "../../shared/protocol/messages.ts";
import { DINGTALK_REGISTRY } from "../../shared/registries/index.ts";
import type { Registry } from "../../shared/registry/schema.ts";

// ---- a cookie jar with Chromium's partition rules --------------------------------------------------

function cookie(name: string, domain: string, extra: Partial<Cookies.Cookie> = {}): Cookies.Cookie {
  return {
    name,
    value: "v",
    domain,
    hostOnly: !domain.startsWith("."),
    path: "/",
    secure: true,
    httpOnly: false,
    sameSite: "lax",
    session: true,
    storeId: "0",
    firstPartyDomain: "",
    ...extra,
  } as Cookies.Cookie;
}

/** `getAll` without `partitionKey` skips partitioned cookies; `remove` without the right key leaves them. */
function fakeJar(initial: Cookies.Cookie[]) {
  let jar = [...initial];
  const calls = { remove: 0 };
  const api: CookieApi = {
    async getAll(d: Cookies.GetAllDetailsType) {
      return jar.filter((c) => {
        const bare = c.domain.replace(/^\./, "");
        if (d.domain && !(bare === d.domain || bare.endsWith(`.${d.domain}`))) return false;
        if (d.name && c.name !== d.name) return false;
        if (!d.partitionKey) return !c.partitionKey;
        if (d.partitionKey.topLevelSite) return c.partitionKey?.topLevelSite === d.partitionKey.topLevelSite;
        return true;
      });
    },
    async remove(d: Cookies.RemoveDetailsType) {
      calls.remove += 1;
      const url = new URL(d.url);
      jar = jar.filter(
        (c) =>
          !(
            c.name === d.name &&
            c.domain.replace(/^\./, "") === url.hostname &&
            c.path === url.pathname &&
            (c.partitionKey?.topLevelSite ?? "") === (d.partitionKey?.topLevelSite ?? "")
          ),
      );
      // Chromium answers with details even when nothing was removed.
      return { url: d.url, name: d.name, storeId: "0" } as Cookies.RemoveCallbackDetailsType;
    },
  };
  return { api, calls, left: () => jar };
}

describe("cookies", () => {
  const partitioned = cookie("ad_chips", "ads.adnet.test", {
    partitionKey: { topLevelSite: "https://dingtalk.com" },
  });

  it("reads partitioned cookies too", async () => {
    const { api } = fakeJar([cookie("a", ".dingtalk.com"), partitioned]);
    const names = (await readCookies(api, ["dingtalk.com", "adnet.test"])).map((c) => c.name).sort();
    expect(names).toEqual(["a", "ad_chips"]);
  });

  it("removes across domains, paths and partitions and verifies by reading back", async () => {
    const all = [
      cookie("a", ".dingtalk.com"),
      cookie("a", "www.dingtalk.com", { path: "/app" }),
      partitioned,
      ...Array.from({ length: 150 }, (_, i) => cookie(`n${i}`, "im.dingtalk.com")),
    ];
    const jar = fakeJar(all);
    const outcome = await removeCookies(jar.api, all);
    expect(outcome.failed).toEqual([]);
    expect(outcome.removed).toHaveLength(all.length);
    expect(jar.left()).toEqual([]);
  });

  it("reports what stays: a cookie the jar refuses to drop", async () => {
    const stubborn = cookie("keep", "www.dingtalk.com");
    const jar = fakeJar([stubborn]);
    const api: CookieApi = {
      getAll: jar.api.getAll,
      remove: async (d) => ({ ...d, storeId: "0" }) as Cookies.RemoveCallbackDetailsType,
    };
    const outcome = await removeCookies(api, [stubborn]);
    expect(outcome.removed).toEqual([]);
    expect(outcome.failed.map((f) => f.cookie.name)).toEqual(["keep"]);
  });

  it("maps browser cookies to the shared model", () => {
    const item = cookieToItem(
      cookie("sid", ".dingtalk.com", {
        httpOnly: true,
        session: false,
        expirationDate: 2000,
        sameSite: "no_restriction",
      }),
    );
    expect(item).toMatchObject({ domain: "dingtalk.com", hostOnly: false, httpOnly: true, setBy: "http" });
    expect(item.expires).toBe(2_000_000);
    expect(item.sameSite).toBe("None");
  });
});

// ---- protocol and trust -------------------------------------------------------------------------

describe("command validation", () => {
  it("accepts well-formed commands and rejects everything else", () => {
    expect(parseCommand({ type: "getInventory", tabId: 3 })).toEqual({ type: "getInventory", tabId: 3 });
    expect(parseCommand({ type: "clearCategory", tabId: 1, category: "marketing" })).toBeDefined();
    for (const bad of [
      null,
      "getInventory",
      { type: "nope" },
      { type: "clearCategory", tabId: 1, category: "necessary" },
      { type: "setBlock", site: "Dingtalk.com", category: "analytics", blocked: true },
      { type: "setBlock", site: "a.com/<x>", category: "analytics", blocked: true },
      { type: "getInventory", tabId: -1 },
      { type: "getInventory", tabId: 1, extra: true },
      { type: "exportInventory", format: "xml" },
    ])
      expect(parseCommand(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe("sender scoping", () => {
  const identity = ["chrome-extension://abc/", "abc"] as const;
  const fromPage = (url: string, tabId = 7): Runtime.MessageSender => ({
    id: "abc",
    url,
    tab: { id: tabId, url, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
  });

  it("binds page senders to their tab's site and refuses other tabs and sites", () => {
    const who = principalOf(fromPage("https://im.dingtalk.com/x"), ...identity)!;
    expect(who).toEqual({ kind: "page", tabId: 7, site: "dingtalk.com" });
    expect(scope({ type: "getInventory" }, who)).toMatchObject({ tabId: 7, site: "dingtalk.com" });
    expect(scope({ type: "getInventory", tabId: 8 }, who)).toMatch(/^forbidden/);
    expect(scope({ type: "clearCategory", site: "adnet.test", category: "marketing" }, who)).toMatch(
      /^forbidden/,
    );
    expect(
      scope({ type: "setBlock", site: "dingtalk.com", category: "analytics", blocked: false }, who),
    ).toMatch(/^forbidden/);
    expect(scope({ type: "setDefaultBlock", category: "analytics", blocked: false }, who)).toMatch(
      /^forbidden/,
    );
    for (const t of PAGE_COMMANDS)
      expect(["setBlock", "blockAllNonEssential", "setDefaultBlock", "getHistory"]).not.toContain(t);
  });

  it("lets extension pages name a tab; refuses other extensions and senders without a web tab", () => {
    const popup = principalOf({ id: "abc", url: "chrome-extension://abc/popup.html?tab=3" }, ...identity)!;
    expect(scope({ type: "getInventory", tabId: 3 }, popup)).toMatchObject({ tabId: 3 });
    expect(principalOf({ id: "evil", url: "chrome-extension://evil/x.html" }, ...identity)).toBeUndefined();
    expect(principalOf({ id: "abc", url: "https://a.test/" }, ...identity)).toBeUndefined();
    expect(principalOf(fromPage("chrome://settings"), ...identity)).toBeUndefined();
  });
});

// ---- classification ------------------------------------------------------------------------------

function registry(properties: string[], entries: Registry["entries"]): Registry {
  return {
    format: "cookie-ledger/1",
    revision: "1",
    site: { name: "t", policy: { url: "https://t.test/p", updated: "2025" } },
    properties,
    purposes: {},
    entries,
  };
}

describe("classification", () => {
  const item = { kind: "cookie" as const, name: "t", domain: "dingtalk.com", path: "/" };
  const bundled = registrySource("bundled", DINGTALK_REGISTRY);

  it("follows the precedence SDK > well-known > bundled > Open Cookie Database > unknown", () => {
    const sdk = registrySource(
      "sdk",
      registry(["dingtalk.com"], [{ kind: "cookie", name: "t", category: "marketing" }]),
    );
    const wk = registrySource(
      "well-known",
      registry(["dingtalk.com"], [{ kind: "cookie", name: "t", category: "functional" }]),
    );
    const known = { lookup: () => ({ category: "marketing" as const }) };
    expect(classify(item, [sdk, wk, bundled], known)).toMatchObject({
      classifier: "sdk",
      category: "marketing",
    });
    expect(classify(item, [wk, bundled], known)).toMatchObject({
      classifier: "well-known",
      category: "functional",
    });
    expect(classify(item, [bundled], known).classifier).toBe("bundled");
    expect(classify({ ...item, name: "zzz" }, [bundled], known).classifier).toBe("open-cookie-database");
    expect(classify({ ...item, name: "zzz" }, [bundled]).classifier).toBe("unknown");
  });

  it("takes findings from the shared reconciliation under the page's consent and the site's blocks", () => {
    const c = classify(item, [bundled]);
    const undecided = {
      decided: false,
      categories: { functional: false, analytics: false, marketing: false },
    };
    expect(itemFindings(item, c, undecided, 0)).toEqual(["declared", "set-before-consent"]);
    const granted = { decided: true, categories: { functional: true, analytics: true, marketing: true } };
    expect(itemFindings(item, c, { ...granted, blocked: ["analytics"] }, 0)).toContain(
      "present-while-blocked",
    );
    expect(itemFindings(item, c, granted, 0)).toEqual(["declared"]);
    const unknown = classify({ ...item, name: "zzz" }, [bundled], {
      lookup: () => ({ category: "analytics" }),
    });
    expect(itemFindings(item, unknown, { ...granted, blocked: ["analytics"] }, 0)).toEqual([
      "undeclared",
      "present-while-blocked",
    ]);
  });

  it("confines a page's registry to the page's own site", () => {
    const claim = registry(
      ["adnet.test", "dingtalk.com"],
      [{ kind: "cookie", name: "ad_uid", category: "necessary" }],
    );
    expect(confineToSite(claim, "dingtalk.com").properties).toEqual(["dingtalk.com"]);
    const confined = registrySource("sdk", confineToSite(claim, "dingtalk.com"));
    expect(
      classify({ kind: "cookie", name: "ad_uid", domain: "ads.adnet.test" }, [confined]).classifier,
    ).toBe("unknown");
  });

  it("counts undeclared and non-essential items on the badge", () => {
    const row = (declared: boolean, category?: "necessary" | "analytics") =>
      ({ declared, category }) as Parameters<typeof badgeCount>[0]["items"][number];
    expect(
      badgeCount({
        items: [row(true, "necessary"), row(true, "analytics"), row(false), row(false, "necessary")],
      }),
    ).toBe(3);
  });
});

// ---- blocking ----------------------------------------------------------------------------------

describe("blocking plan", () => {
  const rules = registryRules([DINGTALK_REGISTRY]);
  const plan = planSite("dingtalk.com", ["dingtalk.com", "dingding.xin"], ["analytics"], rules, {
    names: [["cookie", "_ga*odd", "analytics"]],
    thirdParty: { "ads.adnet.test": ["marketing"], "cdn.static.test": ["necessary"] },
  });

  it("blocks analytics cookies of the site, never necessary ones", () => {
    expect(plan.blocksCookie("cna", ".dingtalk.com", undefined)).toBe(true);
    expect(plan.blocksCookie("acw_tc", "www.dingtalk.com", undefined)).toBe(false);
    expect(plan.blocksCookie("cna", "other.test", undefined)).toBe(false);
    // Literal names from the inventory are escaped, not read as globs.
    expect(plan.blocksCookie("_ga*odd", "dingtalk.com", undefined)).toBe(true);
    expect(plan.blocksCookie("_gaXodd", "dingtalk.com", undefined)).toBe(false);
    expect(exactGlob("a*b\\")).toBe("a\\*b\\\\");
  });

  it("strips third-party cookies only for hosts whose storage is wholly blocked", () => {
    // The DingTalk registry declares Alibaba's mmstat.com as analytics only.
    expect(plan.strippedHosts).toEqual(["mmstat.com"]);
    const all = planSite("dingtalk.com", ["dingtalk.com"], ["analytics", "marketing"], rules, {
      names: [],
      thirdParty: { "ads.adnet.test": ["marketing"], "cdn.static.test": ["necessary"] },
    });
    expect(all.strippedHosts).toContain("ads.adnet.test");
    expect(all.strippedHosts).not.toContain("cdn.static.test");
  });

  it("round-trips the guard config through its Server-Timing form", () => {
    const text = encodeGuardConfig(plan.guard);
    expect(text).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(decodeGuardConfig(text)).toEqual(plan.guard);
    expect(decodeGuardConfig("not base64 json")).toBeUndefined();
    expect(plan.guard.rules.some(([k, g]) => k === "c" && g === "cna")).toBe(true);
  });

  it("applies per-site overrides over the defaults", () => {
    const s = emptySettings();
    s.defaults = ["marketing"];
    s.sites["dingtalk.com"] = { marketing: false, analytics: true };
    expect(effectiveBlocked(s, "dingtalk.com")).toEqual(["analytics"]);
    expect(effectiveBlocked(s, "other.test")).toEqual(["marketing"]);
    expect(sitesWithBlocking(s, ["other.test"])).toEqual(["dingtalk.com", "other.test"]);
  });
});

// ---- export and the well-known file -------------------------------------------------------------

describe("export", () => {
  it("quotes CSV cells and defuses spreadsheet formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(undefined)).toBe("");
  });
});

describe("well-known registry", () => {
  const serve = (body: string, status = 200) => (async () => new Response(body, { status })) as typeof fetch;

  it("accepts a valid registry from the tab's origin only", async () => {
    const doc = JSON.stringify(registry(["t.test"], [{ kind: "cookie", name: "x", category: "necessary" }]));
    expect((await fetchWellKnown("https://t.test", serve(doc)))?.properties).toEqual(["t.test"]);
    expect(await fetchWellKnown("https://t.test/path", serve(doc))).toBeNull();
    expect(await fetchWellKnown("https://t.test", serve("{}"))).toBeNull();
    expect(await fetchWellKnown("https://t.test", serve(doc, 404))).toBeNull();
  });

  it("refuses a file over the size limit", async () => {
    const big = JSON.stringify({
      ...registry(["t.test"], []),
      $schema: "x".repeat(WELL_KNOWN_MAX_BYTES),
    });
    expect(await fetchWellKnown("https://t.test", serve(big))).toBeNull();
  });
});

describe("settings store", () => {
  /** storage.local in memory. */
  function memoryArea() {
    const data: Record<string, unknown> = {};
    return {
      data,
      async get(keys: string | null) {
        return keys === null ? { ...data } : keys in data ? { [keys]: data[keys] } : {};
      },
      async set(items: Record<string, unknown>) {
        Object.assign(data, structuredClone(items));
      },
      async remove(keys: string[]) {
        for (const k of keys) delete data[k];
      },
    };
  }

  it("keeps the hints of a bounded number of sites, never dropping a site with an override", async () => {
    const area = memoryArea();
    const store = createSettingsStore(area as unknown as Parameters<typeof createSettingsStore>[0]);
    await store.update((s) => {
      s.sites["keep.test"] = { analytics: true };
    });
    await store.writeHints("keep.test", { names: [], thirdParty: {} });
    for (let i = 0; i < 320; i++) await store.writeHints(`s${i}.test`, { names: [], thirdParty: {} });
    const sites = await store.visitedSites();
    expect(sites.length).toBeLessThanOrEqual(301);
    expect(sites).toContain("keep.test");
    expect(sites).toContain("s319.test");
    expect(sites).not.toContain("s0.test");
    expect(await store.writeHints("s319.test", { names: [], thirdParty: {} })).toBe(false);
  });
});
