import { readFileSync } from "node:fs";
import { request } from "node:https";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../../scripts/demo/hosts.ts";
import { renderPage, SDK_PLACEHOLDER, SDK_TAG } from "../../scripts/demo/pages.ts";
import { compileMatcher } from "../../shared/match/compile.ts";
import { type Registry, RegistrySchema } from "../../shared/registry/schema.ts";
import { loadGroundTruth, refersTo } from "../support/ground-truth.ts";
import { type PropertySet, startPropertySet } from "../support/property-set.ts";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTPS request to the property set, as a browser would send it for `host` (certificate checked). */
function fetchFrom(
  set: PropertySet,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: set.port,
        path,
        method: init.method ?? "GET",
        servername: host,
        agent: false,
        ca: set.certificate.cert,
        headers: { host, ...init.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

const cookies = (reply: Reply) => (reply.headers["set-cookie"] as string[] | undefined) ?? [];

const truth = loadGroundTruth();

describe("property set server", () => {
  let set: PropertySet;

  beforeAll(async () => {
    set = await startPropertySet();
  });

  afterAll(async () => {
    await set?.stop();
  });

  it("serves every host over HTTPS with a certificate naming it", async () => {
    for (const host of HOSTS) {
      const reply = await fetchFrom(set, host.name, "/does-not-exist");
      // The analytics host answers every path, as a collection endpoint does.
      expect(reply.status, host.name).toBe(host.role === "analytics" ? 200 : 404);
    }
    const unknown = await fetchFrom(set, "www.dingtalk.com", "/", { headers: { host: "unknown.example" } });
    expect(unknown.status).toBe(404);
  });

  it("serves the DingTalk registry with the demo's additions at /.well-known/cookie-ledger.json", async () => {
    const reply = await fetchFrom(set, "www.dingtalk.com", "/.well-known/cookie-ledger.json");
    expect(reply.status).toBe(200);
    const served = JSON.parse(reply.body) as Registry;
    expect(v.safeParse(RegistrySchema, served).issues).toBeUndefined();
    const base = JSON.parse(readFileSync(set.paths.registry, "utf8")) as Registry;
    const extra = JSON.parse(readFileSync(set.paths.registryExtra, "utf8")) as Registry;
    expect(v.safeParse(RegistrySchema, extra).issues).toBeUndefined();
    expect(served.entries).toEqual([...base.entries, ...extra.entries]);
    expect(Object.keys(served.purposes).sort()).toEqual(
      [...Object.keys(base.purposes), ...Object.keys(extra.purposes)].sort(),
    );
  });

  it("sets the cookies a page's sidecar declares, with Expires computed at serving time", async () => {
    const reply = await fetchFrom(set, "www.dingtalk.com", "/");
    expect(reply.headers["content-type"]).toMatch(/^text\/html/);
    const set_ = cookies(reply);
    expect(set_.find((c) => c.startsWith("acw_tc="))).toMatch(/HttpOnly/);
    const cna = set_.find((c) => c.startsWith("cna="));
    const expires = Date.parse(/Expires=([^;]+)/.exec(cna ?? "")?.[1] ?? "");
    expect(expires).toBeGreaterThan(Date.now() + 364 * 86_400_000);
  });

  it("never serves sidecars or files outside a host's folder", async () => {
    expect((await fetchFrom(set, "www.dingtalk.com", "/index.html.cookies.json")).status).toBe(404);
    expect((await fetchFrom(set, "www.dingtalk.com", "/..%2f..%2f..%2f..%2fpackage.json")).status).toBe(404);
    expect((await fetchFrom(set, "www.dingtalk.com", "/../im.dingtalk.com/index.html")).status).toBe(404);
  });

  it("serves pages without the SDK unless asked, and inserts the tag first in <head> only when the SDK is built", async () => {
    const plain = await fetchFrom(set, "www.dingtalk.com", "/");
    expect(plain.body).not.toContain(SDK_PLACEHOLDER);
    expect(plain.body).not.toContain("cookie-ledger.js");
    const asked = await fetchFrom(set, "www.dingtalk.com", "/?sdk=1");
    expect(asked.body.includes(`<head>\n${SDK_TAG}`)).toBe(set.sdkAvailable);
    expect(renderPage(`<head>\n${SDK_PLACEHOLDER}\n<meta charset="utf-8">`, true)).toBe(
      `<head>\n${SDK_TAG}\n<meta charset="utf-8">`,
    );
    expect(renderPage(`<head>\n${SDK_PLACEHOLDER}\n`, false)).toBe("<head>\n\n");
  });

  it("signs in with a session cookie that the messenger's API requires", async () => {
    expect((await fetchFrom(set, "im.dingtalk.com", "/api/me")).status).toBe(401);
    const form = "user=demo&password=demo&next=https%3A%2F%2Fim.dingtalk.com%2F";
    const signedIn = await fetchFrom(set, "www.dingtalk.com", "/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe("https://im.dingtalk.com/");
    const session = cookies(signedIn).find((c) => c.startsWith("dingtalk_session="));
    expect(session).toMatch(/Domain=\.dingtalk\.com; Path=\/; Secure; HttpOnly; SameSite=Lax/);
    const pair = session!.split(";")[0]!;
    expect((await fetchFrom(set, "im.dingtalk.com", "/api/me", { headers: { cookie: pair } })).status).toBe(
      200,
    );
    expect(
      (await fetchFrom(set, "im.dingtalk.com", "/api/me", { headers: { cookie: "dingtalk_session=forged" } }))
        .status,
    ).toBe(401);
    const elsewhere = await fetchFrom(set, "www.dingtalk.com", "/login", {
      method: "POST",
      body: "user=a&password=b&next=https%3A%2F%2Fevil.example%2F",
    });
    expect(elsewhere.headers.location).toBe("https://im.dingtalk.com/");
  });

  it("answers the analytics endpoints and logs them", async () => {
    const before = set.requests.length;
    const preflight = await fetchFrom(set, "analytics.tracker.test", "/track/", {
      method: "OPTIONS",
      headers: { origin: "https://www.dingtalk.com" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("https://www.dingtalk.com");
    const track = await fetchFrom(set, "analytics.tracker.test", "/track/?ip=1", {
      method: "POST",
      body: "data=e30=",
    });
    expect(JSON.parse(track.body)).toEqual({ status: 1, error: null });
    expect(cookies(track)).toEqual([]);
    expect(set.requests.slice(before).map((r) => `${r.method} ${r.host}${r.path}`)).toEqual([
      "OPTIONS analytics.tracker.test/track/",
      "POST analytics.tracker.test/track/?ip=1",
    ]);
  });

  it("stops, and refuses connections afterwards", async () => {
    const other = await startPropertySet();
    expect((await fetchFrom(other, "h5.dingtalk.com", "/")).status).toBe(200);
    await other.stop();
    await expect(fetchFrom(other, "h5.dingtalk.com", "/")).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe("ground truth", () => {
  const served = (() => {
    const paths = {
      registry: "shared/registries/dingtalk.json",
      extra: "test/fixtures/property-set/registry-extra.json",
    };
    const base = JSON.parse(readFileSync(paths.registry, "utf8")) as Registry;
    const extra = JSON.parse(readFileSync(paths.extra, "utf8")) as Registry;
    return {
      ...base,
      purposes: { ...base.purposes, ...extra.purposes },
      entries: [...base.entries, ...extra.entries],
    };
  })();
  const matcher = compileMatcher(served);
  const allItems = [...truth.pages.flatMap((p) => p.items), ...truth.flows.flatMap((f) => f.items)];

  it("gives every item the category the served registry gives it (null when undeclared)", () => {
    const wrong = allItems
      .map((item) => ({
        item,
        got: matcher.match({ ...item, partitionKey: item.partitionKey ?? undefined })?.category ?? null,
      }))
      .filter(({ item, got }) => item.category !== got)
      .map(({ item, got }) => `${item.kind} ${item.name}: ground truth ${item.category}, registry ${got}`);
    expect(wrong).toEqual([]);
  });

  it("covers every first-party host and names each planted problem's item on its page", () => {
    const firstParty = HOSTS.filter((h) => h.role === "first-party").map((h) => h.name);
    expect(new Set(truth.pages.map((p) => p.host))).toEqual(new Set(firstParty));
    const problems = [...truth.pages, ...truth.flows].flatMap((p) =>
      p.problems.map((problem) => ({ p, problem })),
    );
    expect(new Set(problems.map(({ problem }) => problem.type))).toEqual(
      new Set(["undeclared", "set-before-consent", "retention-exceeds-declared"]),
    );
    for (const { p, problem } of problems) {
      const item = p.items.find((i) => refersTo(problem.item, i));
      expect(item, `${problem.type} ${problem.item.name}`).toBeDefined();
      if (problem.type === "undeclared") expect(item?.category).toBeNull();
      if (problem.type === "set-before-consent") expect(item?.category).not.toBe("necessary");
      if (problem.type === "retention-exceeds-declared") {
        const declared = matcher.match({ ...item!, partitionKey: undefined })?.entry.maxAgeSeconds;
        expect(declared).toBe(problem.declaredMaxAgeSeconds);
        expect(item?.maxAgeSeconds).toBe(problem.actualMaxAgeSeconds);
        expect(problem.actualMaxAgeSeconds).toBeGreaterThan(declared ?? Number.POSITIVE_INFINITY);
      }
    }
  });
});
