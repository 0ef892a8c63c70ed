/**
 * What a popup does besides opening and closing: focus that cycles inside it, and its place beside
 * the control it belongs to. Apart from `popup-controller.ts`, so that a widget that places its own
 * popups (the grid's cells) does not load the toolbar panels' controller with them.
 */

/**
 * A focus trap's Tab: moves focus from the element focused in `root` to the next of `items` (the
 * previous with `back`), wrapping at either end. Nothing focused among them starts at the first.
 */
export function cycleFocus(items: readonly HTMLElement[], root: DocumentOrShadowRoot, back: boolean): void {
  if (!items.length) return;
  const i = items.indexOf(root.activeElement as HTMLElement);
  const next = i < 0 ? 0 : (i + (back ? -1 : 1) + items.length) % items.length;
  items[next].focus();
}

/**
 * Places `popup` (positioned absolutely inside `frame`) below `anchor`, or above it when it fits
 * there and not below; its left edge follows the anchor's, kept within the frame's width.
 */
export function placeBeside(anchor: DOMRect, popup: HTMLElement, frame: HTMLElement): void {
  const f = frame.getBoundingClientRect();
  const p = popup.getBoundingClientRect();
  const left = Math.max(0, Math.min(anchor.left - f.left, f.width - p.width));
  const below = anchor.bottom - f.top + 4;
  const above = anchor.top - f.top - p.height - 4;
  const fitsBelow = anchor.bottom + 4 + p.height <= Math.max(f.bottom, window.innerHeight);
  popup.style.left = `${left}px`;
  popup.style.top = `${fitsBelow || above < 0 ? below : above}px`;
}
