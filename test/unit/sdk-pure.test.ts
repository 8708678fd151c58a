import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileClassifier } from "../../sdk/classify.ts";
import { cookieNames, readAssignment } from "../../sdk/cookie-string.ts";
import { createQueue, type Held } from "../../sdk/queue.ts";
import { deletions, domainsOf, pathsOf, siteOf } from "../../sdk/variants.ts";
import { parseCookieAssignment } from "../../shared/cookies/index.ts";
import { parseCookieString } from "../../shared/cookies/parse.ts";
import { compileMatcher } from "../../shared/match/compile.ts";
import { DINGTALK_REGISTRY } from "../../shared/registries/index.ts";
import type { Registry } from "../../shared/registry/schema.ts";

describe("hold-and-replay queue", () => {
  const held = (name: string, category: Held["category"], log: string[]): Held => ({
    kind: "cookie",
    name,
    category,
    run: () => log.push(name),
  });
  it("replays the allowed writes in order and keeps the others in place", () => {
    const log: string[] = [];
    const q = createQueue();
    for (const [n, c] of [
      ["a1", "analytics"],
      ["m1", "marketing"],
      ["a2", "analytics"],
    ] as const)
      q.hold(held(n, c, log));
    expect(q.replay((h) => h.category === "analytics").map((h) => h.name)).toEqual(["a1", "a2"]);
    expect(log).toEqual(["a1", "a2"]);
    expect(q.size()).toBe(1);
    q.replay(() => true);
    expect(log).toEqual(["a1", "a2", "m1"]);
    expect(q.size()).toBe(0);
  });
  it("drops superseded writes and survives a failing one", () => {
    const log: string[] = [];
    const q = createQueue();
    q.hold(held("x", "analytics", log));
    q.hold({
      kind: "cookie",
      name: "boom",
      category: "analytics",
      run: () => {
        throw new Error("no");
      },
    });
    q.hold(held("y", "analytics", log));
    q.drop((h) => h.name === "x");
    q.replay(() => true);
    expect(log).toEqual(["y"]);
  });
});

describe("purge variants", () => {
  const props = ["dingtalk.com", "dingding.xin"];
  it("finds the property a host falls under", () => {
    expect(siteOf("im.dingtalk.com", props)).toBe("dingtalk.com");
    expect(siteOf("DINGTALK.COM", props)).toBe("dingtalk.com");
    expect(siteOf("notdingtalk.com", props)).toBeUndefined();
  });
  it("lists the host and each parent domain inside the property", () => {
    expect(domainsOf("a.b.dingtalk.com", props)).toEqual([
      "a.b.dingtalk.com",
      "b.dingtalk.com",
      "dingtalk.com",
    ]);
    expect(domainsOf("dingtalk.com", props)).toEqual(["dingtalk.com"]);
    expect(domainsOf("other.test", props)).toEqual(["other.test"]);
  });
  it("lists every cookie path that matches the page path", () => {
    expect(pathsOf("/")).toEqual(["/"]);
    expect(pathsOf("/a/b")).toEqual(["/", "/a", "/a/", "/a/b"]);
    expect(pathsOf("/a/b/")).toEqual(["/", "/a", "/a/", "/a/b", "/a/b/"]);
  });
  it("deletes host-only, each domain and each path, plus the partitioned twin on https", () => {
    const d = deletions("x", "im.dingtalk.com", props, "/a", true);
    // (host-only + 2 domains) × 2 paths ("/", "/a") × (plain + partitioned)
    expect(d).toHaveLength(12);
    expect(d).toContain("x=; Max-Age=0; Path=/; Secure");
    expect(d).toContain("x=; Max-Age=0; Path=/a; Domain=dingtalk.com; Secure; SameSite=None; Partitioned");
    expect(deletions("x", "h.test", [], "/", false)).toEqual([
      "x=; Max-Age=0; Path=/",
      "x=; Max-Age=0; Path=/; Domain=h.test",
    ]);
  });
});

describe("cookie assignment reading agrees with shared/cookies", () => {
  const now = Date.UTC(2026, 10, 25);
  const cases = [
    "a=1",
    "a=1; path=/x; domain=.dingtalk.com",
    "a=; max-age=0",
    "a=1; Max-Age=-5",
    "a=; expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "a=1; expires=Fri, 01 Jan 2100 00:00:00 GMT",
    "a=1; max-age=60; expires=Thu, 01 Jan 1970 00:00:00 GMT",
    " spaced = v ; Path = /p ",
    "novalue",
  ];
  it.each(cases)("%s", (text) => {
    const mine = readAssignment(text, now);
    const shared = parseCookieAssignment(text, { url: "https://www.dingtalk.com/", now });
    if (shared.status === "rejected") return;
    expect(mine.name).toBe(shared.item.name);
    expect(mine.del).toBe(shared.status === "delete");
  });
  it("on generated assignments, reads name, Domain, Path and deletion as shared/cookies' parser does", () => {
    const ws = fc.constantFrom("", " ", "\t ");
    const pad = (t: fc.Arbitrary<string>) => fc.tuple(ws, t, ws).map((x) => x.join(""));
    const date = (ms: number) => new Date(ms).toUTCString();
    const values: Record<string, string[]> = {
      path: ["/", "/a", "/a/", "a", ""],
      domain: [".dingtalk.com", "DingTalk.COM", "im.dingtalk.com", ".", ""],
      "max-age": ["0", "-1", "60", "-0", "1e3", "+5", "5x", "x", ""],
      expires: [date(0), date(now - 1000), date(now), date(now + 1000), "nope", ""],
      secure: [""],
      samesite: ["Lax", "none"],
      other: ["1", ""],
    };
    const attribute = fc
      .constantFrom(...Object.keys(values))
      .chain((k) =>
        fc.tuple(
          fc.constantFrom(k, k.toUpperCase(), k[0]!.toUpperCase() + k.slice(1)),
          fc.option(pad(fc.constantFrom(...values[k]!)), { nil: undefined }),
        ),
      )
      .chain(([k, v]) => pad(fc.constant(v === undefined ? k : `${k}=${v}`)));
    const first = fc.oneof(
      fc
        .tuple(pad(fc.constantFrom("a", "_ga", "Sess", "")), pad(fc.constantFrom("1", "", "v=w")))
        .map((x) => x.join("=")),
      pad(fc.constantFrom("novalue", "")),
    );
    fc.assert(
      fc.property(first, fc.array(attribute, { maxLength: 6 }), (head, attrs) => {
        const text = [head, ...attrs].join(";");
        const p = parseCookieString(text);
        if (typeof p === "string") return;
        const mine = readAssignment(text, now);
        expect(mine.name, text).toBe(p.name);
        expect(mine.domain, text).toBe(p.domain);
        expect(mine.path, text).toBe(p.path);
        expect(mine.del, text).toBe(
          p.maxAge !== undefined ? p.maxAge <= 0 : p.expires !== undefined && p.expires <= now,
        );
      }),
      { numRuns: 2000 },
    );
  });
  it("lists the names of a cookie jar", () => {
    expect(cookieNames("a=1; b=2=3; c")).toEqual(["a", "b", ""]);
    expect(cookieNames("")).toEqual([]);
  });
});

describe("the SDK's classifier matches compileMatcher", () => {
  const registry = DINGTALK_REGISTRY as Registry;
  const classify = compileClassifier(registry);
  const matcher = compileMatcher(registry);
  const hosts = [
    "www.dingtalk.com",
    "im.dingtalk.com",
    "dingtalk.com",
    "club.dingding.xin",
    "mmstat.com",
    "other.test",
  ];
  const names = registry.entries.map((e) => e.name.replace(/\\\*/g, "*").replace(/\*/g, "x"));

  it("on the DingTalk registry's own names, on every host", () => {
    for (const e of registry.entries)
      for (const host of hosts)
        for (const name of names) {
          const q =
            e.kind === "cookie"
              ? { kind: e.kind, name, domain: host, path: "/" }
              : { kind: e.kind, name, origin: `https://${host}` };
          expect(classify(e.kind, name, host, "/")?.index, `${e.kind} ${name} ${host}`).toBe(
            matcher.match(q)?.index,
          );
        }
  });

  it("on random registries and names", () => {
    const part = fc.constantFrom("a", "b", "_", "*", "\\*", "ab");
    const glob = fc.array(part, { minLength: 1, maxLength: 5 }).map((p) => p.join(""));
    const entry = fc.record({
      kind: fc.constantFrom("cookie" as const, "localStorage" as const),
      name: glob,
      domain: fc.option(fc.constantFrom("dingtalk.com", "im.dingtalk.com", "x.test"), { nil: undefined }),
      path: fc.option(fc.constantFrom("/", "/a"), { nil: undefined }),
      partitioned: fc.option(fc.boolean(), { nil: undefined }),
      category: fc.constantFrom("necessary" as const, "analytics" as const),
    });
    const filler = fc.string({ unit: fc.constantFrom("a", "b", "_", "*"), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 8 }),
        filler,
        // Half of the names are an instance of one of the entries' globs (stars filled in), so that
        // several entries often match and the order between them decides.
        fc.option(fc.tuple(fc.nat(), filler), { nil: undefined }),
        fc.constantFrom(...hosts),
        fc.constantFrom("/", "/a", "/a/b", "/b"),
        (entries, random, instance, host, path) => {
          const of = instance && entries[instance[0] % entries.length];
          const name = of ? of.name.replace(/\\([*\\])|\*/g, (_, e?: string) => e ?? instance![1]) : random;
          const r = {
            ...registry,
            entries: entries.map((e) =>
              Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)),
            ),
          } as unknown as Registry;
          const mine = compileClassifier(r);
          const theirs = compileMatcher(r);
          for (const kind of ["cookie", "localStorage"] as const) {
            const q =
              kind === "cookie"
                ? { kind, name, domain: host, path }
                : { kind, name, origin: `https://${host}` };
            expect(mine(kind, name, host, path)?.index).toBe(theirs.match(q)?.index);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("ranks by domain, path, partitioned, then registry order; a glob's segments may not overlap", () => {
    const r = {
      ...registry,
      entries: [
        { kind: "cookie", name: "a", category: "necessary" },
        { kind: "cookie", name: "a", category: "analytics" },
        { kind: "cookie", name: "a*bc*c", category: "analytics" },
        { kind: "cookie", name: "d", category: "analytics" },
        { kind: "cookie", name: "d", domain: "www.dingtalk.com", category: "analytics" },
        { kind: "cookie", name: "d", domain: "dingtalk.com", category: "analytics" },
        { kind: "cookie", name: "p", path: "/", category: "analytics" },
        { kind: "cookie", name: "p", path: "/a", category: "analytics" },
        { kind: "cookie", name: "q", category: "analytics" },
        { kind: "cookie", name: "q", partitioned: false, category: "analytics" },
      ],
    } as unknown as Registry;
    const classify = compileClassifier(r);
    const matcher = compileMatcher(r);
    for (const [name, path, index] of [
      ["a", "/", 0],
      ["d", "/", 4],
      ["p", "/a/b", 7],
      ["p", "/b", 6],
      ["q", "/", 9],
    ] as const) {
      expect(classify("cookie", name, "www.dingtalk.com", path)?.index, name).toBe(index);
      expect(matcher.match({ kind: "cookie", name, domain: "www.dingtalk.com", path })?.index).toBe(index);
    }
    expect(classify("cookie", "a_bcc", "www.dingtalk.com")?.index).toBe(2);
    expect(classify("cookie", "abcc", "www.dingtalk.com")?.index).toBe(2);
    expect(classify("cookie", "a_bc", "www.dingtalk.com")).toBeUndefined();
  });
});
