/**
 * The grid's delete confirmation: a modal dialog naming the organization and the tenant, whose
 * Delete button waits until the user has typed the organization's name (as they can type it:
 * invisible and bidi-control characters dropped, whitespace collapsed, NFC). Focus stays in the
 * dialog; Escape and Cancel close it; the grid learns the answer through `onClose`.
 */
import {html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {live} from 'lit/directives/live.js';
import {cycleFocus} from '../../src/page/kit/popup-controller.js';
import {plainName} from '../../src/page/scope-store.js';
import type {OrganizationSummary} from '../../src/shared/model/types.js';

type Host = ReactiveControllerHost & HTMLElement & {readonly renderRoot: HTMLElement | DocumentFragment};

/** A name as the user can type it. */
const confirmKey = (name: string): string => plainName(name.normalize('NFC'), Number.MAX_SAFE_INTEGER);
const confirmMatches = (name: string, typed: string): boolean => typed.trim() !== '' && confirmKey(typed) === confirmKey(name);

export class DeleteDialog implements ReactiveController {
  private org: OrganizationSummary | null = null;
  /** What the user typed; Delete waits for the organization's name. */
  private typed = '';

  constructor(
    private readonly host: Host,
    /** The dialog closed: with the organization when the user confirmed, else `null`. */
    private readonly onClose: (confirmed: OrganizationSummary | null) => void,
  ) {
    host.addController(this);
  }

  /** Asks whether to delete `org`. */
  ask(org: OrganizationSummary): void {
    this.org = org;
    this.typed = '';
    this.host.requestUpdate();
  }

  /** Closes without deleting and without telling anyone (the view it belongs to is gone). */
  drop(): void {
    if (!this.org) return;
    this.org = null;
    this.typed = '';
    this.host.requestUpdate();
  }

  /** Opens or closes the native dialog to match (after each render). */
  hostUpdated(): void {
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.org && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('.cancel')?.focus();
    } else if (!this.org && dialog.open) {
      dialog.close();
    }
  }

  render(scopeLabel: string): TemplateResult {
    const org = this.org;
    return html`<dialog part="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text" @cancel=${this.handleCancel} @keydown=${this.handleKeydown}>
      ${org
        ? html`<h2 id="confirm-title">Delete <span class="isolate" dir="auto">${org.name}</span>?</h2>
            <p id="confirm-text">
              This permanently deletes <strong class="isolate" dir="auto">${org.name}</strong> from the tenant <strong class="isolate" dir="auto">${scopeLabel}</strong>. It cannot be undone.
            </p>
            <label class="confirm-type" part="confirm-label"
              >Type <strong class="isolate" dir="auto">${confirmKey(org.name)}</strong> to confirm
              <input type="text" part="confirm-input" autocomplete="off" spellcheck="false" .value=${live(this.typed)} @input=${this.handleInput} @keydown=${this.handleInputKeydown}
            /></label>
            <div class="dialog-actions">
              <button type="button" class="cancel" @click=${() => this.close(false)}>Cancel</button>
              <button type="button" class="danger" part="danger-button" ?disabled=${!confirmMatches(org.name, this.typed)} @click=${() => this.close(true)}>Delete organization</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }

  private close(confirmed: boolean): void {
    const org = this.org;
    if (confirmed && org && !confirmMatches(org.name, this.typed)) return;
    this.org = null;
    this.typed = '';
    this.host.requestUpdate();
    this.onClose(confirmed ? org : null);
  }

  private readonly handleKeydown = (e: KeyboardEvent): void => {
    const dialog = this.dialog;
    if (e.key !== 'Tab' || !dialog) return;
    // Focus cycles inside the dialog.
    e.preventDefault();
    cycleFocus([...dialog.querySelectorAll<HTMLElement>('input, button:not([disabled])')], this.host.renderRoot as ShadowRoot, e.shiftKey);
  };

  private readonly handleInput = (e: Event): void => {
    this.typed = (e.target as HTMLInputElement).value;
    this.host.requestUpdate();
  };

  private readonly handleInputKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && this.org && confirmMatches(this.org.name, this.typed)) this.close(true);
  };

  private readonly handleCancel = (e: Event): void => {
    // Escape: close through our state so focus returns to the grid.
    e.preventDefault();
    this.close(false);
  };
}
