/** Keyboard handling of the modal preference centre: Tab cycles inside it, Esc closes it. */

const FOCUSABLE = "a[href],button:not(:disabled),input:not(:disabled),summary,[tabindex]";

export function focusables(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0);
}

/** A keydown handler for a dialog element: traps Tab and Shift+Tab, calls `close` on Escape. */
export function trap(close: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== "Tab") return;
    const list = focusables(e.currentTarget as Element);
    const first = list[0];
    const last = list[list.length - 1];
    const active = document.activeElement;
    if (!first || !last) return;
    if (e.shiftKey ? active === first || !list.includes(active as HTMLElement) : active === last) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  };
}
