import type { Page } from "playwright-core";

export {
  type LoggedRequest,
  type PropertySet,
  type PropertySetOptions,
  startPropertySet,
} from "../../scripts/demo/server.ts";

/**
 * Opens a page of the property set and waits until it has finished storing: the load event (images, iframes)
 * and then `<html data-ready>`, which each page script sets once its asynchronous writes settle.
 * Returns the page's verdict: "true", or "error: …" when one of its writes failed.
 */
export async function visit(page: Page, url: string): Promise<string> {
  await page.goto(url, { waitUntil: "load" });
  return waitUntilStored(page);
}

/** The second half of `visit`, for pages reached by clicking or submitting a form. */
export async function waitUntilStored(page: Page): Promise<string> {
  await page.waitForLoadState("load");
  const ready = await page.waitForSelector("html[data-ready]", { state: "attached" });
  return (await ready.getAttribute("data-ready")) ?? "";
}
