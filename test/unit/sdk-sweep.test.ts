// @vitest-environment jsdom
// @vitest-environment-options { "url": "https://www.example.test/shop/" }
/** The safety net (sdk/sweep.ts) on jsdom: what it removes, the findings, when it sweeps. */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Core, Realm } from "../../sdk/core.ts";
import { createSafetyNet } from "../../sdk/sweep.ts";

const win = window as Realm;
const core = () =>
  ({
    win,
    properties: ["example.test"],
    n: {
      cookie: Object.getOwnPropertyDescriptor(win.Document.prototype, "cookie")!,
      ls: win.localStorage,
      ss: win.sessionStorage,
      rm: win.Storage.prototype.removeItem,
    },
  }) as unknown as Core;
const doomed = (_: string, name: string) => name.startsWith("adv_");

function start() {
  const events: [string, unknown][] = [];
  const net = createSafetyNet(
    core(),
    doomed,
    (ev, x) => events.push([ev, x]),
    () => ({ marketing: false }),
  );
  return { net, events, sweeps: () => events.filter(([e]) => e === "sweep").length };
}

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
  sessionStorage.clear();
  for (const c of document.cookie.split("; ")) document.cookie = `${c.split("=")[0]}=; Max-Age=0; Path=/`;
});

describe("safety net", () => {
  it("removes doomed cookies and web storage, keeps the rest, and reports each removal as a finding", async () => {
    const { net, events } = start();
    localStorage.setItem("adv_local", "1");
    localStorage.setItem("keep_local", "1");
    sessionStorage.setItem("adv_session", "1");
    document.cookie = "adv_cookie=1; Path=/";
    document.cookie = "keep_cookie=1; Path=/";
    const r = await net.sweep();
    expect(r.removed.map((i) => `${i.kind} ${i.name}`).sort()).toEqual([
      "cookie adv_cookie",
      "localStorage adv_local",
      "sessionStorage adv_session",
    ]);
    expect(Object.keys(localStorage)).toEqual(["keep_local"]);
    expect(document.cookie).toBe("keep_cookie=1");
    expect(net.findings.map((f) => [f.type, f.item?.name, f.item?.frame])).toContainEqual([
      "present-while-blocked",
      "adv_local",
      "https://www.example.test/shop/",
    ]);
    expect(events.filter(([e]) => e === "finding")).toHaveLength(3);
    expect(events.at(-1)?.[0]).toBe("sweep");
  });

  it("a consent-change purge removes without findings", async () => {
    const { net } = start();
    localStorage.setItem("adv_local", "1");
    const r = await net.sweep(false);
    expect(r.removed).toHaveLength(1);
    expect(net.findings).toEqual([]);
  });

  it("sweeps on visibilitychange and on a backoff timer", async () => {
    vi.useFakeTimers();
    const { sweeps } = start();
    localStorage.setItem("adv_late", "1");
    document.dispatchEvent(new Event("visibilitychange"));
    await vi.advanceTimersByTimeAsync(0);
    expect(sweeps()).toBe(1);
    expect(localStorage.getItem("adv_late")).toBeNull();
    await vi.advanceTimersByTimeAsync(2000);
    expect(sweeps()).toBe(2);
    await vi.advanceTimersByTimeAsync(3999);
    expect(sweeps()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sweeps()).toBe(3);
  });
});
