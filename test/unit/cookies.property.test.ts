// Property tests: shared/cookies against well-kept parsers as oracles.
import fc from "fast-check";
import { parseSetCookie as oracleParse } from "set-cookie-parser";
import { getPublicSuffix } from "tldts";
import { CookieJar, parseDate } from "tough-cookie";
import { describe, expect, it } from "vitest";
import {
  MAX_LIFETIME_MS,
  parseCookieAssignment,
  parseCookieDate,
  parseCookieHeader,
  parseCookieString,
  parseSetCookie,
} from "../../shared/cookies/index.ts";

const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const runs = { numRuns: 400 };

/** Random letter case, as attribute names are case-insensitive. */
const cased = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((ups) => [...word].map((c, i) => (ups[i] ? c.toUpperCase() : c.toLowerCase())).join(""));
const ws = fc.constantFrom("", " ", "  ", "\t");
const attr = (key: string, value: fc.Arbitrary<string> | null) =>
  fc
    .tuple(ws, cased(key), ws, value ?? fc.constant(null), ws)
    .map(([a, k, b, v, c]) => (v === null ? `${a}${k}${b}` : `${a}${k}${b}=${c}${v}`));

// set-cookie-parser drops names that collide with Object.prototype members; browsers keep them.
const token = fc.stringMatching(/^[A-Za-z0-9_!#$%&'*+.^`|~-]{1,12}$/).filter((n) => !(n in Object.prototype));
const cookieValue = fc.stringMatching(/^[A-Za-z0-9!#$%&'()*+\-./:<>?@[\]^_`{|}~=]{0,16}$/);
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
const seconds = fc.integer({ min: 0, max: 4102444800 });

const attributes = fc.array(
  fc.oneof(
    attr(
      "Domain",
      fc.tuple(fc.boolean(), cased("example.com")).map(([dot, d]) => `${dot ? "." : ""}site.${d}`),
    ),
    attr(
      "Path",
      label.map((l) => `/${l}`),
    ),
    attr("Max-Age", fc.integer({ min: -1000, max: 2_000_000_000 }).map(String)),
    attr(
      "Expires",
      seconds.map((s) => new Date(s * 1000).toUTCString()),
    ),
    attr("SameSite", fc.constantFrom("Strict", "Lax", "None").chain(cased)),
    attr("Secure", null),
    attr("HttpOnly", null),
    attr("Partitioned", null),
  ),
  { maxLength: 6 },
);
const header = fc
  .tuple(token, cookieValue, attributes)
  .map(([name, value, attrs]) => [`${name}=${value}`, ...attrs].join(";"));

describe("cookie strings (property tests)", () => {
  it("parse like set-cookie-parser", () => {
    fc.assert(
      fc.property(header, (h) => {
        const ours = parseCookieString(h);
        const [theirs] = oracleParse(h, { decodeValues: false, split: false, silent: true });
        if (typeof ours === "string" || !theirs) throw new Error(`unparsed ${h}`);
        expect(ours.name).toBe(theirs.name);
        expect(ours.value).toBe(theirs.value);
        expect(ours.domain).toBe(theirs.domain?.replace(/^\./, "").toLowerCase());
        expect(ours.path).toBe(theirs.path);
        expect(ours.maxAge).toBe(theirs.maxAge);
        expect(ours.expires).toBe(theirs.expires?.getTime());
        expect(ours.sameSite?.toLowerCase()).toBe(theirs.sameSite?.toLowerCase());
        expect(ours.secure).toBe(theirs.secure === true);
        expect(ours.httpOnly).toBe(theirs.httpOnly === true);
        expect(ours.partitioned).toBe(theirs.partitioned === true);
      }),
      runs,
    );
  });

  it("derive expiry with Max-Age precedence and the 400-day cap", () => {
    fc.assert(
      fc.property(header, (h) => {
        const result = parseSetCookie(h, { url: "https://www.site.example.com/a/b", now });
        const [theirs] = oracleParse(h, { decodeValues: false, split: false, silent: true });
        if (!theirs) throw new Error("unparsed");
        const lax = theirs.sameSite?.toLowerCase() === "none" || theirs.partitioned;
        if (lax && !theirs.secure) {
          expect(result.status).toBe("rejected");
          return;
        }
        if (result.status === "rejected") throw new Error(`rejected ${result.reason}: ${h}`);
        let expected: number | null = null;
        if (theirs.maxAge !== undefined) expected = theirs.maxAge <= 0 ? 0 : now + theirs.maxAge * 1000;
        else if (theirs.expires) expected = theirs.expires.getTime();
        if (expected !== null) expected = Math.min(expected, now + MAX_LIFETIME_MS);
        expect(result.item.expires).toBe(expected);
        expect(result.status).toBe(expected !== null && expected <= now ? "delete" : "set");
      }),
      runs,
    );
  });

  it("accept and scope cookies like tough-cookie's jar", () => {
    const hosts = [
      "www.dingtalk.com",
      "im.dingtalk.com",
      "dingtalk.com",
      "club.dingding.xin",
      "shop.example.co.uk",
    ];
    const domains = [
      "dingtalk.com",
      ".dingtalk.com",
      "www.dingtalk.com",
      "DingTalk.COM",
      "dingding.xin",
      "com",
      "co.uk",
      "example.co.uk",
      "talk.com",
    ];
    const write = fc.record({
      scheme: fc.constantFrom("http", "https"),
      host: fc.constantFrom(...hosts),
      path: fc.constantFrom("", "/", "/a", "/a/b", "/a/b/"),
      prefix: fc.constantFrom("", "__Secure-", "__Host-"),
      domain: fc.option(fc.constantFrom(...domains)),
      cookiePath: fc.option(fc.constantFrom("/", "/a", "x", "/a/")),
      secure: fc.boolean(),
      httpOnly: fc.boolean(),
      maxAge: fc.option(fc.constantFrom(0, 60)),
    });
    const isPublicSuffix = (d: string) => getPublicSuffix(d) === d;
    fc.assert(
      fc.property(write, (w) => {
        const url = `${w.scheme}://${w.host}${w.path}`;
        const h = [
          `${w.prefix}n=v`,
          w.domain !== null && `Domain=${w.domain}`,
          w.cookiePath !== null && `Path=${w.cookiePath}`,
          w.secure && "Secure",
          w.httpOnly && "HttpOnly",
          w.maxAge !== null && `Max-Age=${w.maxAge}`,
        ]
          .filter(Boolean)
          .join("; ");
        const ours = parseSetCookie(h, { url, now, isPublicSuffix });
        const jar = new CookieJar(undefined, { prefixSecurity: "strict", looseMode: false });
        let theirs: ReturnType<CookieJar["setCookieSync"]>;
        try {
          theirs = jar.setCookieSync(h, url, { now: new Date(now) });
        } catch {
          theirs = undefined;
        }
        expect(ours.status === "rejected", `${h} from ${url}: ${JSON.stringify(ours)}`).toBe(!theirs);
        if (ours.status === "rejected" || !theirs) return;
        expect(ours.item.domain).toBe(theirs.domain);
        expect(ours.item.hostOnly).toBe(theirs.hostOnly);
        expect(ours.item.path).toBe(theirs.path);
        expect(ours.item.secure).toBe(theirs.secure);
        expect(ours.item.httpOnly).toBe(theirs.httpOnly);
      }),
      runs,
    );
  });

  it("parse cookie-dates like tough-cookie", () => {
    const part = fc.oneof(
      fc.integer({ min: 0, max: 99999 }).map(String),
      fc.constantFrom("Jan", "feb", "MARCH", "Sept", "dec", "Mo", "GMT", "UTC"),
      fc
        .tuple(
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
        )
        .map((t) => t.join(":")),
      fc.stringMatching(/^[a-z0-9:]{1,6}$/),
    );
    const sep = fc.constantFrom(" ", ", ", "-", "/", "\t", ";");
    const date = fc
      .array(fc.tuple(part, sep), { minLength: 1, maxLength: 8 })
      .map((xs) => xs.map(([p, s]) => p + s).join(""));
    fc.assert(
      fc.property(date, (d) => {
        expect(parseCookieDate(d), d).toBe(parseDate(d)?.getTime());
      }),
      { numRuns: 1000 },
    );
  });

  it("never throw, whatever the input", () => {
    const url = fc.oneof(fc.webUrl(), fc.string());
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), url, (text, u) => {
        const c = { url: u, now };
        for (const r of [parseSetCookie(text, c), parseCookieAssignment(text, c)]) {
          expect(["set", "delete", "rejected"]).toContain(r.status);
        }
        expect(Array.isArray(parseCookieHeader(text))).toBe(true);
        parseCookieDate(text);
      }),
      { numRuns: 300 },
    );
  });
});
