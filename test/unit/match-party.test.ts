import { describe, expect, it } from "vitest";
import { partyForProperties, partyOf, registrableDomain, sameSite } from "../../shared/match/party.ts";

describe("party", () => {
  it("finds registrable domains through the public suffix list", () => {
    expect(registrableDomain("im.dingtalk.com")).toBe("dingtalk.com");
    expect(registrableDomain(".DingTalk.com")).toBe("dingtalk.com");
    expect(registrableDomain("https://club.dingding.xin:443/x")).toBe("dingding.xin");
    expect(registrableDomain("a.b.example.co.uk")).toBe("example.co.uk");
    expect(registrableDomain("alice.github.io")).toBe("alice.github.io");
    expect(registrableDomain("127.0.0.1")).toBe("127.0.0.1");
    expect(registrableDomain("")).toBeUndefined();
  });

  it("tells first from third party", () => {
    expect(sameSite("im.dingtalk.com", "www.dingtalk.com")).toBe(true);
    expect(partyOf("g.alicdn.com", "www.dingtalk.com")).toBe("third-party");
    expect(partyOf("alice.github.io", "bob.github.io")).toBe("third-party");
    expect(partyOf("h5.dingtalk.com", "https://im.dingtalk.com")).toBe("first-party");
  });

  it("checks hosts against a registry's properties", () => {
    const props = ["dingtalk.com", "dingding.xin"];
    expect(partyForProperties("club.dingding.xin", props)).toBe("first-party");
    expect(partyForProperties("www.dingtalk.com", ["im.dingtalk.com"])).toBe("first-party");
    expect(partyForProperties("doubleclick.net", props)).toBe("third-party");
    expect(partyForProperties("", props)).toBe("third-party");
  });
});
