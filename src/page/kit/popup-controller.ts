import type {ReactiveController, ReactiveControllerHost} from 'lit';

export interface PopupControllerOptions {
  /** The control that opens the panel; focus returns to it when the panel closes (unless another control of the host opened it). */
  trigger(): HTMLElement | null;
  /** Runs as the panel opens (reset a draft, start a load), before the host re-renders. */
  onOpen?(): void;
  /** Runs as the panel closes (drop a draft or a pending question), before the host re-renders. */
  onClose?(): void;
  /**
   * Escape inside the panel: return `true` when it was used for something smaller than closing
   * (e.g. cancelling a question in the panel); otherwise the panel closes.
   */
  onEscape?(): boolean;
}

/**
 * The open/closed state of a non-modal toolbar panel (a disclosure's dialog) and the ways it
 * closes: a pointer pressed outside the host (through shadow roots: `composedPath`), Escape inside
 * it, and the host leaving the document. Closing by keyboard returns focus to the control that
 * opened the panel (else the trigger); closing by an outside click does not (the user has put it
 * somewhere else).
 *
 * The host renders from `open`, routes its panel's `keydown` to `handleKeydown`, and calls
 * `show()` / `close()` from its own methods.
 */
export class PopupController implements ReactiveController {
  private isOpen = false;
  /** The control that had focus in the host when the panel opened (a host may have several openers). */
  private opener: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: PopupControllerOptions,
  ) {
    host.addController(this);
  }

  get open(): boolean {
    return this.isOpen;
  }

  /** Opens the panel; `false` if it was already open. Resolve `host.updateComplete` before focusing inside it. */
  show(): boolean {
    if (this.isOpen) return false;
    this.isOpen = true;
    const active = this.host.shadowRoot?.activeElement;
    this.opener = active instanceof HTMLElement ? active : null;
    this.options.onOpen?.();
    document.addEventListener('pointerdown', this.onDocumentPointerdown, true);
    this.host.requestUpdate();
    return true;
  }

  /** Closes the panel; `restoreFocus` puts focus back on the trigger. */
  close(restoreFocus = true): void {
    document.removeEventListener('pointerdown', this.onDocumentPointerdown, true);
    if (!this.isOpen) return;
    this.isOpen = false;
    this.options.onClose?.();
    this.host.requestUpdate();
    const opener = this.opener;
    this.opener = null;
    if (restoreFocus) (opener?.isConnected ? opener : this.options.trigger())?.focus();
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.show();
  }

  /** The panel's `keydown` listener: Escape closes it (after `onEscape` had its say). */
  readonly handleKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.isOpen) return;
    e.preventDefault();
    // The grid (or a host dialog) behind the panel must not also act on this Escape.
    e.stopPropagation();
    if (!this.options.onEscape?.()) this.close();
  };

  hostDisconnected(): void {
    this.close(false);
  }

  private readonly onDocumentPointerdown = (e: PointerEvent): void => {
    if (!e.composedPath().includes(this.host)) this.close(false);
  };
}
