/** Keyboard handling of the modal preference centre: Tab cycles inside it, Esc closes it. */

/** What Tab can reach in the preference centre (every link there has an `href`). */
const FOCUSABLE = "a,button,input:enabled,summary";

/** A keydown handler for a dialog element: wraps Tab and Shift+Tab at its ends, calls `close` on Escape. */
export const trap = (close: () => void) => (e: KeyboardEvent) => {
  if (e.key === "Escape") close();
  if (e.key !== "Tab") return;
  const list = [...(e.currentTarget as Element).querySelectorAll<HTMLElement>(FOCUSABLE)];
  const last = list.length - 1;
  const at = list.indexOf(document.activeElement as HTMLElement);
  // From the dialog itself (-1), Tab goes to the first control by itself; Shift+Tab must wrap to the last.
  if (e.shiftKey ? at < 1 : at === last) {
    e.preventDefault();
    list.at(e.shiftKey ? last : 0)?.focus();
  }
};
