// @vitest-environment jsdom
/** The property set's SDK mode markup (scripts/demo/pages.ts): `data-sdk-gate` tags served gated or as before. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GATE_ATTRIBUTE, gateTags, PIXEL_LOADER, renderPage } from "../../scripts/demo/pages.ts";

const home = readFileSync(
  join(import.meta.dirname, "../fixtures/property-set/sites/www.dingtalk.com/index.html"),
  "utf8",
);

describe("gated third-party tags", () => {
  it("without the SDK removes the marker and changes nothing else", () => {
    const page = renderPage(home, false);
    expect(page).not.toContain(GATE_ATTRIBUTE);
    expect(page).toContain(
      '<img src="https://ads.adnet.test/pixel.gif?page=home" width="1" height="1" alt="">\n<iframe src="https://ads.adnet.test/frame.html" title="Advertisement" width="320" height="60"></iframe>',
    );
    expect(page).toBe(
      home.replace("<!--cookie-ledger-sdk-->", "").replaceAll(` ${GATE_ATTRIBUTE}="marketing"`, ""),
    );
  });

  it("with the SDK serves the ad iframe and the pixel as elements the SDK gates", () => {
    const page = renderPage(home, true);
    expect(page).not.toContain(GATE_ATTRIBUTE);
    expect(page).not.toMatch(/<img|<iframe[^>]*\ssrc=/);
    expect(page).toContain(
      '<iframe data-category="marketing" data-src="https://ads.adnet.test/frame.html" title="Advertisement" width="320" height="60"></iframe>',
    );
    expect(page).toContain(
      `<script type="text/plain" data-category="marketing" data-img-src="https://ads.adnet.test/pixel.gif?page=home" data-img-width="1" data-img-height="1" data-img-alt="">${PIXEL_LOADER}</script>`,
    );
  });

  it("the pixel loader creates the image from its attributes, right after itself", () => {
    document.body.innerHTML =
      '<script id="s" data-category="marketing" data-img-src="https://ads.adnet.test/p.gif?a=1&amp;b=2" data-img-alt=""></script>';
    const script = document.getElementById("s")!;
    Object.defineProperty(document, "currentScript", { value: script, configurable: true });
    try {
      new Function(PIXEL_LOADER)();
    } finally {
      Reflect.deleteProperty(document, "currentScript");
    }
    const img = script.nextElementSibling as HTMLImageElement;
    expect(img.tagName).toBe("IMG");
    expect(img.getAttribute("src")).toBe("https://ads.adnet.test/p.gif?a=1&b=2");
    expect(img.getAttribute("alt")).toBe("");
    expect(img.hasAttribute("data-category")).toBe(false);
  });

  it("leaves unmarked tags alone and refuses what it cannot convert exactly", () => {
    const plain = '<iframe src="/frame/widget.html" title="w"></iframe><img src=x.gif>';
    expect(gateTags(plain, true)).toBe(plain);
    expect(() => gateTags('<img data-sdk-gate="ads" src="x">', true)).toThrow(/not a category/);
    expect(() => gateTags("<img data-sdk-gate=\"marketing\" src='x'>", true)).toThrow(/cannot read/);
  });
});
