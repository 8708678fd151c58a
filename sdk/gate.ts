/**
 * Gated elements: `<script type="text/plain" data-category="…">` (inline or `data-src`) and
 * `<iframe data-category="…" data-src="…">` run or load only once their category is consented.
 * Scripts start in document order, each external one after the previous has loaded or failed.
 */
import type { Core } from "./core.ts";

export function createGate(doc: Document, c: Core) {
  const seen = new WeakSet<Element>();
  let chain: Promise<unknown> = Promise.resolve();
  const run = (old: HTMLScriptElement) =>
    new Promise((done) => {
      const s = doc.createElement("script");
      const src = old.dataset.src;
      for (const a of old.attributes)
        if (a.name !== "type" && a.name !== "data-src") s.setAttribute(a.name, a.value);
      if (src) {
        s.src = src;
        s.onload = s.onerror = done;
      } else s.text = old.text;
      old.replaceWith(s);
      if (!src) done(0);
    });
  return () => {
    for (const el of doc.querySelectorAll<HTMLElement>(
      'script[type="text/plain"][data-category],iframe[data-category][data-src]',
    )) {
      const cat = el.dataset.category!;
      if (!seen.has(el) && c.allowed(cat)) {
        seen.add(el);
        c.ran.add(cat);
        if (el.localName === "iframe") (el as HTMLIFrameElement).src = el.dataset.src!;
        else chain = chain.then(() => run(el as HTMLScriptElement));
      }
    }
  };
}
