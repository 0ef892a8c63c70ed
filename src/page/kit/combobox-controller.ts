/**
 * The part of the WAI-ARIA 1.2 combobox pattern (an editable text input with a listbox popup) that
 * every Tenantry type-ahead shares: the text, open/closed, the active option behind
 * `aria-activedescendant`, the keyboard, one question at a time to the backend (debounced, each
 * with its own `AbortSignal`; an answer to an older question is dropped, never rendered), the
 * phase of the answer, the live-region words for it, closing on a pointer outside and focus
 * staying in (or coming back to) the input.
 *
 * The host keeps what is its own: what a question and an option are, how options render, what
 * picking one does (single or multi select), any sections around them. It renders from `text`,
 * `open`, `active`, `activeDescendant`, `result`, `phase` and `announcement`, and routes its
 * input's `input` / `keydown`, the popup's `keydown` / `mousedown` and `focusout` around both to the
 * `handle*` listeners here (a host with keys of its own handles them first and passes the rest on).
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** Where the answer to the question asked now stands. */
export type ComboboxPhase = 'idle' | 'loading' | 'done' | 'error';

/** What the live region says while the list is open, in the host's words. */
export interface ComboboxAnnouncements<R> {
  /** The answer to the question asked now arrived: how many options, or that none match. */
  found(result: R): string;
  /** The question failed. */
  failed: string;
  /** A question is on its way; default: nothing. */
  loading?: string;
  /** Nothing can be asked yet (`query()` is `null`); default: nothing. */
  idle?: string;
}

export interface ComboboxControllerOptions<R> {
  /** The text input (`role=combobox`); focus stays in it and comes back to it. */
  input(): HTMLInputElement | null;
  /** The popup; focus moving into it (a button of its own) keeps the list open. Default: the listbox is not focusable. */
  popup?(): Element | null;
  /**
   * The question the host's state asks now, as a key (the text and whatever else narrows it);
   * `null` while nothing can be asked (no client, no scope yet). Read on every update: a new key
   * is asked while the list is open, and the answer shows only while its key is still the one asked.
   */
  query(): string | null;
  /** Answers the question `key`; must give up when `signal` aborts. */
  search(key: string, signal: AbortSignal): Promise<R>;
  /** Milliseconds of typing pause before a question is sent (opening the list asks at once); default 0. */
  debounce?(): number;
  /** How many options the list shows now. */
  count(): number;
  /** The id of option `index` in the host's shadow root. */
  optionId(index: number): string;
  /** Option `index` was picked (Enter, or the host's click); then the text clears, the list closes and focus stays in the input. */
  pick(index: number): void;
  announce: ComboboxAnnouncements<R>;
  /** Runs as the list closes, so the host can drop its own per-opening state. */
  onClose?(): void;
  /** ↓ on a closed list also makes the first option active (when it arrives); otherwise ↓ only opens it. */
  activateOnOpen?: boolean;
  /** ↑/↓ wrap around the ends of the list instead of stopping there. */
  wrap?: boolean;
  /** PageUp/PageDown move this many options; unset, they are left to the input. */
  pageStep?: number;
}

interface Question {
  key: string;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class ComboboxController<R> implements ReactiveController {
  private value = '';
  private isOpen = false;
  private activeIndex = -1;
  /** ↓ before the list arrived: its first option becomes active when it does. */
  private activateFirst = false;
  /** The active option moved: bring it into view after the render. */
  private scrollActive = false;
  /** The key the last update asked; a new one resets the active option. */
  private asked: string | null | undefined = undefined;
  private pending: Question | null = null;
  /** The last answer and its question: reopening on the same question does not ask again. */
  private answer: {key: string; value: R} | null = null;
  private failure: {key: string} | null = null;
  /** What the host last said (a pick, a removal), heard while the list is closed. */
  private note = '';

  constructor(
    private readonly host: Host,
    private readonly options: ComboboxControllerOptions<R>,
  ) {
    host.addController(this);
  }

  /** The text in the input. */
  get text(): string {
    return this.value;
  }

  set text(value: string) {
    if (value === this.value) return;
    this.value = value;
    this.host.requestUpdate();
  }

  get open(): boolean {
    return this.isOpen;
  }

  /** The option the keyboard is on; -1 for none. */
  get active(): number {
    return this.activeIndex;
  }

  /** For the input's `aria-activedescendant`: the active option's id while the list is open. */
  get activeDescendant(): string | undefined {
    return this.isOpen && this.activeIndex >= 0 ? this.options.optionId(this.activeIndex) : undefined;
  }

  get phase(): ComboboxPhase {
    const key = this.options.query();
    if (key === null) return 'idle';
    if (this.answer?.key === key) return 'done';
    if (this.failure?.key === key) return 'error';
    return this.isOpen || this.pending?.key === key ? 'loading' : 'idle';
  }

  /** The answer to the question asked now; `undefined` while it is pending (never an older answer). */
  get result(): R | undefined {
    const key = this.options.query();
    return key !== null && this.answer?.key === key ? this.answer.value : undefined;
  }

  /** What the polite live region says now. */
  get announcement(): string {
    const words = this.options.announce;
    if (!this.isOpen) return this.note;
    const result = this.result;
    if (result !== undefined) return words.found(result);
    switch (this.phase) {
      case 'error':
        return words.failed;
      case 'loading':
        return words.loading ?? '';
      default:
        return words.idle ?? '';
    }
  }

  /** Says `text` in the live region (what a pick or a removal did) until the list opens again. */
  announce(text: string): void {
    this.note = text;
    this.host.requestUpdate();
  }

  /** Opens the list (asking the question if it has no answer yet). */
  show(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    document.addEventListener('pointerdown', this.handleDocumentPointerdown, true);
    this.note = '';
    // Opening again is the way to retry a failed question.
    this.failure = null;
    this.host.requestUpdate();
  }

  /** Closes the list and drops a question on its way; `restoreFocus` puts focus back in the input. */
  close(restoreFocus = false): void {
    document.removeEventListener('pointerdown', this.handleDocumentPointerdown, true);
    if (this.isOpen) {
      this.isOpen = false;
      this.activeIndex = -1;
      this.activateFirst = false;
      this.cancel();
      this.options.onClose?.();
      this.host.requestUpdate();
    }
    if (restoreFocus) this.options.input()?.focus();
  }

  /** Makes option `index` active (clamped; -1 for none). */
  activate(index: number): void {
    const n = this.options.count();
    this.activateFirst = false;
    this.activeIndex = index < 0 || n === 0 ? -1 : Math.min(index, n - 1);
    this.scrollActive = this.activeIndex >= 0;
    this.host.requestUpdate();
  }

  /** Picks option `index`: the host acts, then the text clears, the list closes and focus stays in the input. */
  pick(index: number): void {
    if (index < 0 || index >= this.options.count()) return;
    this.options.pick(index);
    this.text = '';
    this.close(true);
  }

  /** Forgets every answer and closes: the host's source of options changed (another client or scope). */
  reset(): void {
    this.cancel();
    this.answer = null;
    this.failure = null;
    this.close();
  }

  hostUpdate(): void {
    const key = this.options.query();
    if (key !== this.asked) {
      // Another question: the old active index means nothing in its list.
      this.asked = key;
      this.activeIndex = -1;
      this.activateFirst = false;
    }
    this.ask(0);
    const n = this.isOpen ? this.options.count() : 0;
    if (this.activateFirst && n > 0) {
      this.activateFirst = false;
      this.activeIndex = 0;
      this.scrollActive = true;
    }
    if (this.activeIndex >= n) this.activeIndex = n - 1;
  }

  hostUpdated(): void {
    if (!this.scrollActive) return;
    this.scrollActive = false;
    const id = this.activeDescendant;
    if (id) (this.host.shadowRoot ?? this.host).querySelector(`#${CSS.escape(id)}`)?.scrollIntoView({block: 'nearest'});
  }

  hostDisconnected(): void {
    this.close();
    this.cancel();
  }

  // ——— Listeners for the host's template ———

  /** The input's `input` listener: the text changes, the list opens, the new question waits for a pause in typing. */
  readonly handleInput = (e: Event): void => {
    this.value = (e.target as HTMLInputElement).value;
    this.show();
    this.host.requestUpdate();
    // At once, not at the next update: the question this keystroke replaced stops now.
    this.ask(this.options.debounce?.() ?? 0);
  };

  /** The input's `keydown` listener. */
  readonly handleKeydown = (e: KeyboardEvent): void => {
    const n = this.isOpen ? this.options.count() : 0;
    const active = this.activeIndex;
    switch (e.key) {
      case 'ArrowDown': {
        e.preventDefault();
        const wasOpen = this.isOpen;
        this.show();
        if (e.altKey || (!wasOpen && !this.options.activateOnOpen)) return;
        if (!n) this.activateFirst = true;
        else this.activate(active < 0 ? 0 : active + 1 < n ? active + 1 : this.options.wrap ? 0 : n - 1);
        return;
      }
      case 'ArrowUp':
        e.preventDefault();
        if (!this.isOpen) return this.show();
        if (n) this.activate(active > 0 ? active - 1 : active < 0 || this.options.wrap ? n - 1 : 0);
        return;
      case 'Home':
      case 'End':
        // Without an active option these move the caret in the text.
        if (!this.isOpen || active < 0) return;
        e.preventDefault();
        this.activate(e.key === 'Home' ? 0 : n - 1);
        return;
      case 'PageDown':
      case 'PageUp': {
        const step = this.options.pageStep;
        if (!this.isOpen || !step) return;
        e.preventDefault();
        this.activate(Math.max(0, Math.max(active, 0) + (e.key === 'PageDown' ? step : -step)));
        return;
      }
      case 'Enter':
        if (this.isOpen && active >= 0 && active < n) {
          e.preventDefault();
          this.pick(active);
        }
        return;
      case 'Escape':
        // Closes, and on a closed list clears the text; a dialog around the combobox must not also close.
        if (this.isOpen) this.close();
        else if (this.value) this.text = '';
        else return;
        e.preventDefault();
        e.stopPropagation();
        return;
    }
  };

  /** The popup's `keydown` listener (for a popup with buttons): Escape closes and gives focus back to the input. */
  readonly handlePopupKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.isOpen) return;
    e.preventDefault();
    e.stopPropagation();
    this.close(true);
  };

  /** The popup's `mousedown` listener: a click on an option keeps focus in the input (a button may take it). */
  readonly handlePopupMousedown = (e: MouseEvent): void => {
    if (!(e.target instanceof Element && e.target.closest('button'))) e.preventDefault();
  };

  /** `focusout` of the element around the input and the popup: focus leaving both closes the list (Tab out, Shift+Tab back). */
  readonly handleFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget;
    if (next instanceof Node && (next === this.options.input() || this.options.popup?.()?.contains(next))) return;
    this.close();
  };

  // ——— Questions ———

  /** Asks the question of the host's state now, unless it is answered or on its way; drops any other one. */
  private ask(delay: number): void {
    const key = this.isOpen ? this.options.query() : null;
    if (this.pending && this.pending.key === key) return;
    this.cancel();
    if (key === null || this.answer?.key === key || this.failure?.key === key) return;
    const question: Question = {key, controller: new AbortController(), timer: undefined};
    this.pending = question;
    if (delay > 0) question.timer = setTimeout(() => this.send(question), delay);
    else this.send(question);
  }

  private send(question: Question): void {
    question.timer = undefined;
    let reply: Promise<R>;
    try {
      reply = this.options.search(question.key, question.controller.signal);
    } catch (e) {
      reply = Promise.reject(e);
    }
    reply.then(
      (value) => {
        // Superseded or cancelled: dropped, never rendered.
        if (this.pending !== question) return;
        this.pending = null;
        this.answer = {key: question.key, value};
        this.failure = null;
        this.host.requestUpdate();
      },
      () => {
        if (this.pending !== question) return;
        this.pending = null;
        this.failure = {key: question.key};
        this.host.requestUpdate();
      },
    );
  }

  private cancel(): void {
    const question = this.pending;
    if (!question) return;
    this.pending = null;
    clearTimeout(question.timer);
    question.controller.abort();
  }

  /** Only while open: a pointer pressed outside the host (through shadow roots) closes the list. */
  private readonly handleDocumentPointerdown = (e: PointerEvent): void => {
    if (!e.composedPath().includes(this.host)) this.close();
  };
}
