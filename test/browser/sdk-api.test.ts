/**
 * The SDK's gating, consent record, cross-tab behaviour, events, inventory, clear() and page bridge in
 * Chromium on a purpose-built page (test/browser/sdk-page.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { L, ORIGIN, registry, sdkPages } from "./sdk-page.ts";

const { open, browser, serve } = sdkPages();

describe("SDK gating, consent and API (Chromium)", () => {
  it("runs gated scripts in document order once consented, including ones inserted later, and asks for a reload on revocation", async () => {
    const page = await open(`
<script type="text/plain" data-category="analytics">window.order = (window.order || []).concat("a1")</script>
<script type="text/plain" data-category="analytics" data-src="data:text/javascript,window.order=(window.order||[]).concat('a2')"></script>
<script type="text/plain" data-category="marketing">window.order = (window.order || []).concat("m")</script>
<script type="text/plain" data-category="necessary">window.order = (window.order || []).concat("n")</script>
<iframe data-category="analytics" data-src="about:blank#loaded"></iframe>`);
    expect(await page.evaluate("window.order")).toEqual(["n"]);
    expect(await page.evaluate(() => document.querySelector("iframe")!.getAttribute("src"))).toBeNull();
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.type = "text/plain";
      s.dataset.category = "analytics";
      s.text = 'window.order = window.order.concat("late")';
      document.body.append(s);
    });
    await page.evaluate(`${L}.consent.set({ analytics: true })`);
    await page.waitForFunction(() => (window as never as { order: string[] }).order.length === 4);
    expect(await page.evaluate("window.order")).toEqual(["n", "a1", "a2", "late"]);
    expect(await page.evaluate(() => document.querySelector("iframe")!.getAttribute("src"))).toBe(
      "about:blank#loaded",
    );
    const change = await page.evaluate(`${L}.consent.set({ analytics: false })`);
    expect(change).toMatchObject({ reload: ["analytics"] });
    await page.close();
  });

  it("keeps the decision in a necessary cookie, logs it, and treats a tampered record as no decision", async () => {
    const page = await open("");
    await page.evaluate(`${L}.consent.acceptAll()`);
    await page.evaluate(`${L}.consent.withdraw()`);
    await page.evaluate(`${L}.consent.set({ functional: true })`);
    const history = (await page.evaluate(`${L}.consent.history()`)) as {
      categories: object;
      withdrawn?: boolean;
    }[];
    expect(history.slice(-3).map((h) => [h.categories, !!h.withdrawn])).toEqual([
      [{ functional: true, analytics: true, marketing: true }, false],
      [{ functional: false, analytics: false, marketing: false }, true],
      [{ functional: true, analytics: false, marketing: false }, false],
    ]);
    const cookie = (await browser().context.cookies(ORIGIN)).find((c) => c.name === "cookie_ledger_consent")!;
    expect(cookie).toMatchObject({ domain: ".dingtalk.com", path: "/", httpOnly: false });
    await page.reload();
    expect(await page.evaluate(`${L}.consent.get().categories`)).toEqual({
      functional: true,
      analytics: false,
      marketing: false,
    });
    await browser().context.addCookies([{ ...cookie, value: cookie.value.replace(/^100:/, "111:") }]);
    await page.reload();
    expect(await page.evaluate(`${L}.consent.get().decided`)).toBe(false);
    await page.close();
  });

  it("follows a decision made in another tab", async () => {
    const a = await open("");
    const b = await browser().newPage();
    await b.goto(a.url());
    await b.evaluate(() => (document.cookie = "an_tab=held; path=/"));
    await a.evaluate(`${L}.consent.set({ analytics: true })`);
    // Tab b learns of the new record cookie through a cookie change event, then replays its held write.
    await b.waitForFunction(() => document.cookie.includes("an_tab=held"));
    expect(await b.evaluate(`${L}.consent.get().categories.analytics`)).toBe(true);
    await a.evaluate(`${L}.consent.withdraw()`);
    await b.waitForFunction(() => !document.cookie.includes("an_tab"));
    expect(await b.evaluate(`${L}.consent.get().decided`)).toBe(false);
    await a.close();
    await b.close();
  });

  it("reports events, inventory findings, clear() and run-time registration", async () => {
    const page = await open("");
    await browser().context.addCookies([
      { name: "pref_http", value: "1", domain: "www.dingtalk.com", path: "/", httpOnly: true, secure: true },
    ]);
    const r = await page.evaluate(async () => {
      const L = (window as never as { cookieLedger: import("../../sdk/types.ts").Ledger }).cookieLedger;
      const seen: string[] = [];
      // The SDK's own consent log is a (necessary) write too: left out here.
      L.on("write", (w) => w.name !== "cookie-ledger" && seen.push(`write ${w.name}`));
      L.on("blocked", (w) => seen.push(`blocked ${w.name}`));
      L.on("undeclared", (w) => seen.push(`undeclared ${w.name}`));
      L.on("consent", (c) => seen.push(`consent ${c.from}`));
      localStorage.setItem("an_e", "1");
      localStorage.setItem("runtime_k", "1");
      L.register([{ kind: "localStorage", name: "runtime_*", category: "marketing" }]);
      localStorage.setItem("runtime_j", "1");
      await L.consent.set({ functional: true });
      document.cookie = "pref=1; path=/";
      localStorage.setItem("later_k", "1");
      const inv = await L.inventory();
      const cleared = await L.clear("functional");
      return {
        seen,
        findings: inv.findings.filter((f) => f.item).map((f) => `${f.type} ${f.item!.name}`),
        removed: cleared.removed.map((i) => i.name),
        hidden: cleared.hidden?.map((e) => e.name),
        jar: document.cookie,
      };
    });
    expect(r.seen).toEqual([
      "write an_e",
      "blocked an_e",
      "write runtime_k",
      "undeclared runtime_k",
      "write runtime_j",
      "blocked runtime_j",
      "consent api",
      "write pref",
      "write later_k",
      "undeclared later_k",
    ]);
    // runtime_k, allowed while undeclared, became marketing at run time and was purged on the next decision.
    expect(r.findings).toEqual(expect.arrayContaining(["declared pref", "undeclared later_k"]));
    expect(r.findings.some((f) => f.includes("runtime_k"))).toBe(false);
    expect(r.removed).toEqual(["pref"]);
    // Declared cookies of the category the page cannot see are reported, not claimed removed.
    expect(r.hidden).toEqual(["pref_http"]);
    const jar = await browser().context.cookies(ORIGIN);
    expect(jar.find((k) => k.name === "pref_http")).toMatchObject({ httpOnly: true });
    expect(r.jar).not.toContain("pref=");
    await page.close();
  });

  it("answers the extension over the page bridge and applies its requests", async () => {
    const page = await open("");
    const answers = await page.evaluate(async () => {
      const got: { type: string; id?: string }[] = [];
      window.addEventListener("message", (e) => {
        if (e.data?.source === "cookie-ledger") got.push(e.data);
      });
      const send = (m: object) => window.postMessage({ source: "cookie-ledger", v: 1, ...m }, "*");
      send({ type: "hello", id: "h" });
      send({ type: "consent.set", id: "c", categories: { marketing: true } });
      send({ type: "consent.set", id: "bad", categories: { necessary: false } });
      send({ type: "inventory.get", id: "i" });
      for (
        let i = 0;
        i < 100 && !(got.some((m) => m.type === "inventory") && got.some((m) => m.type === "result"));
        i++
      )
        await new Promise((r) => setTimeout(r, 20));
      return got;
    });
    expect(answers.map((m) => `${m.type} ${m.id ?? ""}`)).toEqual(
      expect.arrayContaining(["ready h", "result c", "consent ", "inventory i"]),
    );
    expect(answers.some((m) => m.id === "bad" && m.type !== "consent.set")).toBe(false);
    expect(await page.evaluate(`${L}.consent.get().categories.marketing`)).toBe(true);
    await page.close();
  });

  it("answers hello and reports a lazy part that cannot load, so the extension never waits", async () => {
    // The core served from a folder without its lazy part (a URL no earlier test cached).
    const dir = `/t/${Math.random().toString(36).slice(2)}`;
    serve(
      `${dir}/cookie-ledger.js`,
      readFileSync(join(import.meta.dirname, "../../dist/sdk/cookie-ledger.js"), "utf8"),
    );
    const page = await open(
      "",
      "",
      `<!doctype html><html><head><script type="application/json" id="cookie-ledger-registry">${JSON.stringify(registry)}</script><script src="${dir}/cookie-ledger.js"></script></head><body></body></html>`,
    );
    await page.route(`**${dir}/cookie-ledger-extras.js`, (route) => route.fulfill({ status: 404, body: "" }));
    const answers = await page.evaluate(async () => {
      const got: { type: string; id?: string; ok?: boolean }[] = [];
      window.addEventListener("message", (e) => {
        if (e.data?.source === "cookie-ledger" && e.data.id) got.push(e.data);
      });
      const send = (m: object) => window.postMessage({ source: "cookie-ledger", v: 1, ...m }, "*");
      send({ type: "hello", id: "h" });
      send({ type: "inventory.get", id: "i" });
      // The listener also sees the requests sent above: wait for the SDK's answer to `i`, not for the request.
      while (!got.some((m) => m.id === "i" && m.type === "result"))
        await new Promise((r) => setTimeout(r, 20));
      return got.filter((m) => m.id).map((m) => `${m.type} ${m.id} ${m.ok ?? ""}`);
    });
    expect(answers).toEqual(expect.arrayContaining(["ready h ", "result i false"]));
    await page.close();
  });
});
