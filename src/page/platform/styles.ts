/**
 * Adds styles to a shadow root after its element rendered: the look of a part loaded later (a
 * grid's popup bodies), once per root. Where the browser adopts constructed style sheets it adds
 * one; elsewhere (Lit's own fallback) a `<style>` element.
 */
import type {CSSResult} from 'lit';

const added = new WeakMap<ShadowRoot, Set<CSSResult>>();

export function addStyles(root: ShadowRoot, styles: CSSResult): void {
  let done = added.get(root);
  if (!done) added.set(root, (done = new Set()));
  if (done.has(styles)) return;
  done.add(styles);
  const sheet = styles.styleSheet;
  if (sheet && 'adoptedStyleSheets' in root) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = styles.cssText;
  root.append(style);
}
