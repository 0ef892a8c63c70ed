/**
 * What every element does for languages: render again when the page's locale has changed (or the
 * wording of messages has loaded: `src/page/messages.ts`), and lay
 * itself out right-to-left in a right-to-left locale. The host page's own `dir` and `lang` on the
 * element win; otherwise the element carries the locale's (`lang` for screen readers, `dir="rtl"`
 * only when right-to-left, so in a left-to-right locale it still follows a right-to-left page).
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {getLocale, isRightToLeft, onLocaleChange} from '../locale.js';
import {onMessagesLoaded} from '../messages.js';

/** Attributes this controller set, per element: a page's own are never overwritten or removed. */
const owned = new WeakMap<Element, Set<string>>();

export class LocaleController implements ReactiveController {
  private stop: (() => void) | null = null;
  private stopMessages: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.apply();
    this.stop = onLocaleChange(() => {
      this.apply();
      this.host.requestUpdate();
    });
    // A message shown before the wording had loaded reads "Loading…" until it has.
    this.stopMessages = onMessagesLoaded(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = null;
    this.stopMessages?.();
    this.stopMessages = null;
  }

  private apply(): void {
    const locale = getLocale();
    this.set('lang', locale);
    this.set('dir', isRightToLeft(locale) ? 'rtl' : null);
  }

  private set(name: string, value: string | null): void {
    const el = this.host;
    const mine = owned.get(el) ?? new Set<string>();
    owned.set(el, mine);
    if (el.hasAttribute(name) && !mine.has(name)) return;
    if (value === null) {
      if (mine.delete(name)) el.removeAttribute(name);
    } else {
      mine.add(name);
      if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    }
  }
}

/**
 * Class decorator: every element of the class gets a `LocaleController` (re-render on a change of
 * locale, `lang` and right-to-left `dir`). Like `@lit/localize`'s `@localized()`, plus the direction.
 */
export function localized() {
  return (ctor: {addInitializer(init: (element: ReactiveControllerHost & HTMLElement) => void): void}): void => {
    ctor.addInitializer((element) => new LocaleController(element));
  };
}
