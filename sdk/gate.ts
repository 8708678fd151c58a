/**
 * Gated elements: `<script type="text/plain" data-category="…">` (inline or `data-src`) and
 * `<iframe data-category="…" data-src="…">` run or load only once their category is consented.
 * Scripts start in document order, each external one after the previous has loaded or failed.
 */
import type { Core } from "./core.ts";

const SELECTOR = 'script[type="text/plain"][data-category],iframe[data-category][data-src]';

export function createGate(doc: Document, c: Core) {
  const seen = new WeakSet<Element>();
  let chain = Promise.resolve();
  const run = (old: HTMLScriptElement) =>
    new Promise<void>((done) => {
      const s = doc.createElement("script");
      for (const a of old.attributes)
        if (a.name !== "type" && a.name !== "data-src") s.setAttribute(a.name, a.value);
      const src = old.dataset.src;
      if (src) {
        s.src = src;
        s.onload = s.onerror = () => done();
      } else {
        s.text = old.text;
      }
      old.replaceWith(s);
      if (!src) done();
    });
  const scan = () => {
    for (const el of doc.querySelectorAll<HTMLElement>(SELECTOR)) {
      const cat = el.dataset.category;
      if (seen.has(el) || !c.allowed(cat)) continue;
      seen.add(el);
      c.ran.add(cat!);
      if (el instanceof doc.defaultView!.HTMLIFrameElement) el.src = el.dataset.src!;
      else chain = chain.then(() => run(el as HTMLScriptElement));
    }
  };
  return scan;
}
