/**
 * The page's configured theme (`<tenantry-config theme="light|dark|auto">`) on an element that
 * names none itself: the element carries the `theme` attribute the tokens' rules read
 * (`themeAttributeStyles` in `src/page/styles/tokens.ts`), and loses it when the configuration
 * drops it. A `theme` the page wrote on the element itself is never touched; an element inside
 * another themed element's shadow root inherits that one's scheme and is left alone.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {pageConfig} from './page-config.js';

const THEMES = new Set(['light', 'dark', 'auto']);

export class PageThemeController implements ReactiveController {
  /** The value this controller set, so that it never overwrites the page's own. */
  private applied: string | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    pageConfig().addEventListener('change', this.apply);
    this.apply();
  }

  hostDisconnected(): void {
    pageConfig().removeEventListener('change', this.apply);
  }

  private readonly apply = (): void => {
    const host = this.host;
    const current = host.getAttribute('theme');
    if (current !== null && current !== this.applied) {
      this.applied = null; // The page's own choice.
      return;
    }
    const root = host.getRootNode();
    const inherited = root instanceof ShadowRoot && root.host.hasAttribute('theme');
    const configured = pageConfig().theme;
    const wanted = configured && THEMES.has(configured) && !inherited ? configured : null;
    if (wanted === current) return;
    if (wanted === null) host.removeAttribute('theme');
    else host.setAttribute('theme', wanted);
    this.applied = wanted;
  };
}
