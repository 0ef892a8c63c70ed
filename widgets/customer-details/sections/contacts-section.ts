/**
 * Contacts: the customer's contact people, each its own resource on the backend. Add and edit in a
 * modal form checked by the same field rules the server applies (a field is checked when the user
 * leaves it and all on Save; the server's own refusals land on their fields); delete after a
 * confirmation naming the contact. An organization always keeps one primary contact: the last
 * primary cannot be deleted or given another role, and the form says so before the server must.
 * A failed save keeps the form open with everything typed.
 */
import {msg, str} from '@lit/localize';
import {html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {live} from 'lit/directives/live.js';
import {checkContactFields} from '../../../src/shared/contract/field-rules.js';
import {TenantryError} from '../../../src/shared/contract/errors.js';
import {rewordMessage} from '../../../src/shared/forms/reword.js';
import {errorText} from '../../../src/page/messages.js';
import type {Contact, ContactInput} from '../../../src/shared/model/types.js';
import {cycleFocus} from '../../../src/page/kit/popup-helpers.js';
import type {SectionContext} from './section-context.js';

type Host = ReactiveControllerHost & HTMLElement & {readonly renderRoot: HTMLElement | DocumentFragment};

const ROLES: readonly Contact['role'][] = ['primary', 'billing', 'technical', 'other'];
const ROLE_LABELS: Readonly<Record<Contact['role'], string>> = {
  get primary() {
    return msg('Primary');
  },
  get billing() {
    return msg('Billing');
  },
  get technical() {
    return msg('Technical');
  },
  get other() {
    return msg('Other');
  },
};
const FIELDS = [
  ['firstName', () => msg('First name'), 'given-name', 'text'],
  ['lastName', () => msg('Last name'), 'family-name', 'text'],
  ['email', () => msg('Email'), 'email', 'email'],
  ['phone', () => msg('Phone'), 'tel', 'tel'],
  ['fax', () => msg('Fax'), 'fax tel', 'tel'],
] as const;
type TextField = (typeof FIELDS)[number][0];

const emptyInput = (role: Contact['role']): ContactInput => ({role, firstName: '', lastName: '', email: '', phone: '', fax: ''});
export const contactName = (c: Pick<Contact, 'firstName' | 'lastName' | 'email'>): string => [c.firstName, c.lastName].filter((s) => s.trim()).join(' ') || c.email || 'this contact';

interface Editing {
  /** `null` for a new contact. */
  id: string | null;
  values: ContactInput;
  errors: Map<string, string>;
  busy: boolean;
  /** A failure of the save as a whole (not of one field). */
  failure: string | null;
}

export class ContactsSection implements ReactiveController {
  private editing: Editing | null = null;
  private deleting: {contact: Contact; busy: boolean; failure: string | null} | null = null;
  /** The button that opened the open dialog: focus goes back to it. */
  private opener: HTMLElement | null = null;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** Opens or closes the dialogs to match (after each render). */
  hostUpdated(): void {
    for (const [selector, open] of [['dialog.contact-form', this.editing !== null], ['dialog.contact-delete', this.deleting !== null]] as const) {
      const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>(selector);
      if (!dialog) continue;
      if (open && !dialog.open) {
        dialog.showModal();
        dialog.querySelector<HTMLElement>('[autofocus], input, select, button')?.focus();
      } else if (!open && dialog.open) {
        dialog.close();
        this.opener?.focus();
        this.opener = null;
      }
    }
  }

  /** Closes everything without saving (the details now show something else). */
  drop(): void {
    this.editing = null;
    this.deleting = null;
  }

  render(ctx: SectionContext): TemplateResult {
    const contacts = ctx.org.contacts;
    const primaries = contacts.filter((c) => c.role === 'primary').length;
    const blocked = ctx.writeBlocked;
    return html`<div class="section-actions">
        <button type="button" part="button primary" ?disabled=${blocked !== null} @click=${(e: Event) => this.openForm(e, null, contacts.length ? 'other' : 'primary')}>${msg('Add contact')}</button>
        ${blocked ? html`<span class="muted" part="write-blocked">${blocked}</span>` : nothing}
      </div>
      ${contacts.length
        ? html`<table part="table">
            <caption class="sr-only">${msg('Contacts')}</caption>
            <thead><tr><th scope="col">${msg('Name')}</th><th scope="col">${msg('Role')}</th><th scope="col">${msg('Email')}</th><th scope="col">${msg('Phone')}</th><th scope="col"><span class="sr-only">${msg('Actions')}</span></th></tr></thead>
            <tbody>
              ${contacts.map((c) => {
                const lastPrimary = c.role === 'primary' && primaries === 1;
                const name = contactName(c);
                return html`<tr>
                  <th scope="row"><bdi>${name}</bdi></th>
                  <td>${ROLE_LABELS[c.role] ?? c.role}</td>
                  <td><bdi>${c.email || '—'}</bdi></td>
                  <td><bdi>${c.phone || '—'}</bdi></td>
                  <td class="row-actions">
                    <button type="button" part="button" ?disabled=${blocked !== null} aria-label=${msg(str`Edit ${name}`)} @click=${(e: Event) => this.openForm(e, c)}>${msg('Edit')}</button>
                    <button
                      type="button"
                      part="button danger"
                      ?disabled=${blocked !== null || lastPrimary}
                      title=${lastPrimary ? msg('The only primary contact: make another contact primary first.') : nothing}
                      aria-label=${msg(str`Delete ${name}`)}
                      @click=${(e: Event) => this.askDelete(e, c)}
                    >
                      ${msg('Delete')}
                    </button>
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
        : html`<p class="empty" part="empty">${msg('No contacts yet. Add the primary contact first: they receive the account’s notices.')}</p>`}
      ${this.renderForm(ctx, primaries)} ${this.renderDelete(ctx)}`;
  }

  private openForm(e: Event, contact: Contact | null, role: Contact['role'] = 'other'): void {
    this.opener = e.currentTarget as HTMLElement;
    const values: ContactInput = contact ? {role: contact.role, firstName: contact.firstName, lastName: contact.lastName, email: contact.email, phone: contact.phone, fax: contact.fax} : emptyInput(role);
    this.editing = {id: contact?.id ?? null, values, errors: new Map(), busy: false, failure: null};
    this.host.requestUpdate();
  }

  private askDelete(e: Event, contact: Contact): void {
    this.opener = e.currentTarget as HTMLElement;
    this.deleting = {contact, busy: false, failure: null};
    this.host.requestUpdate();
  }

  private close(): void {
    this.editing = null;
    this.deleting = null;
    this.host.requestUpdate();
  }

  private renderForm(ctx: SectionContext, primaries: number): TemplateResult {
    const ed = this.editing;
    const original = ed?.id ? ctx.org.contacts.find((c) => c.id === ed.id) : undefined;
    // The last primary keeps its role: another contact must become primary first.
    const roleLocked = original?.role === 'primary' && primaries === 1;
    return html`<dialog class="contact-form" part="dialog" aria-labelledby="contact-form-title" @cancel=${this.handleCancel} @keydown=${this.handleKeydown}>
      ${ed
        ? html`<form method="dialog" novalidate @submit=${(e: Event) => this.handleSave(e, ctx)}>
            <h3 id="contact-form-title">${ed.id ? (original ? msg(html`Edit <bdi>${contactName(original)}</bdi>`) : msg('Edit contact')) : msg('Add contact')}</h3>
            ${ed.failure ? html`<p class="notice" part="notice" data-tone="danger" role="alert">${ed.failure}</p>` : nothing}
            <label class="field" part="field"
              >${msg('Role')}
              <select part="input" .value=${live(ed.values.role)} ?disabled=${roleLocked} aria-describedby=${roleLocked ? 'contact-role-hint' : nothing} @change=${(e: Event) => this.handleInput('role', (e.target as HTMLSelectElement).value)}>
                ${ROLES.map((r) => html`<option value=${r} ?selected=${ed.values.role === r}>${ROLE_LABELS[r]}</option>`)}
              </select>
              ${roleLocked ? html`<span id="contact-role-hint" class="hint" part="hint">${msg('The only primary contact: make another contact primary first.')}</span>` : nothing}
            </label>
            ${FIELDS.map(([key, label, autocomplete, type]) => {
              const error = ed.errors.get(key);
              const required = ed.values.role === 'primary' && (key === 'firstName' || key === 'lastName' || key === 'email');
              return html`<label class="field" part="field"
                >${label()}${required ? html`<span aria-hidden="true"> *</span>` : nothing}
                <input
                  part="input"
                  name=${key}
                  type=${type}
                  autocomplete=${autocomplete}
                  .value=${live(ed.values[key])}
                  aria-required=${required ? 'true' : 'false'}
                  aria-invalid=${error ? 'true' : 'false'}
                  aria-describedby=${error ? `contact-${key}-error` : nothing}
                  @input=${(e: Event) => this.handleInput(key, (e.target as HTMLInputElement).value)}
                  @blur=${() => void this.check(ctx, key)}
                />
                ${error ? html`<span id="contact-${key}-error" class="field-error" part="field-error">${error}</span>` : nothing}
              </label>`;
            })}
            <div class="dialog-actions">
              <button type="button" part="button" @click=${() => this.close()}>${msg('Cancel')}</button>
              <button type="submit" part="button primary" ?disabled=${ed.busy || ctx.writeBlocked !== null}>${ed.busy ? msg('Saving…') : ed.id ? msg('Save contact') : msg('Add contact')}</button>
            </div>
            ${ctx.writeBlocked ? html`<p class="muted">${ctx.writeBlocked}</p>` : nothing}
          </form>`
        : nothing}
    </dialog>`;
  }

  private renderDelete(ctx: SectionContext): TemplateResult {
    const d = this.deleting;
    return html`<dialog class="contact-delete" part="dialog" role="alertdialog" aria-labelledby="contact-delete-title" aria-describedby="contact-delete-text" @cancel=${this.handleCancel} @keydown=${this.handleKeydown}>
      ${d
        ? html`<h3 id="contact-delete-title">${msg(html`Delete <bdi>${contactName(d.contact)}</bdi>?`)}</h3>
            <p id="contact-delete-text">${msg(html`<bdi>${contactName(d.contact)}</bdi> (${ROLE_LABELS[d.contact.role] ?? d.contact.role}) is removed from the contacts of <bdi>${ctx.org.name}</bdi>.`)}</p>
            ${d.failure ? html`<p class="notice" part="notice" data-tone="danger" role="alert">${d.failure}</p>` : nothing}
            <div class="dialog-actions">
              <button type="button" part="button" autofocus @click=${() => this.close()}>${msg('Cancel')}</button>
              <button type="button" part="button danger" ?disabled=${d.busy || ctx.writeBlocked !== null} @click=${() => void this.handleDelete(ctx)}>${d.busy ? msg('Deleting…') : msg('Delete contact')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  private handleInput(key: keyof ContactInput, value: string): void {
    const ed = this.editing;
    if (!ed) return;
    ed.values = {...ed.values, [key]: value} as ContactInput;
    this.host.requestUpdate();
  }

  /** Checks the form (or one field of it) by the server's rules; `true` when nothing is wrong. */
  private async check(ctx: SectionContext, only?: TextField): Promise<boolean> {
    const ed = this.editing;
    if (!ed) return false;
    const values = ed.values;
    const issues = await checkContactFields(values, '', ctx.org.companyAddress?.country ?? '');
    if (this.editing !== ed || ed.values !== values) return false;
    const errors = new Map(only ? [...ed.errors].filter(([k]) => k !== only) : []);
    for (const i of issues) if (!only || i.path === only) errors.set(i.path, i.message);
    ed.errors = errors;
    this.host.requestUpdate();
    return issues.length === 0;
  }

  private readonly handleSave = async (e: Event, ctx: SectionContext): Promise<void> => {
    e.preventDefault();
    const ed = this.editing;
    if (!ed || ed.busy) return;
    if (!(await this.check(ctx))) {
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('dialog.contact-form [aria-invalid="true"]')?.focus();
      return;
    }
    ed.busy = true;
    ed.failure = null;
    this.host.requestUpdate();
    const input = ed.values;
    const name = contactName(input);
    const saved = await ctx.write(ed.id ? msg(str`Saving ${name}`) : msg(str`Adding ${name}`), (etag, signal) =>
      ed.id ? ctx.client.updateContact(ctx.scope, ctx.org.id, ed.id, input, etag, {signal}) : ctx.client.addContact(ctx.scope, ctx.org.id, input, etag, {signal}),
    ).catch((err: unknown) => this.fail(ed, err));
    if (this.editing !== ed) return;
    ed.busy = false;
    if (saved === true) {
      ctx.announce(ed.id ? msg(str`${name} saved.`) : msg(str`${name} added.`));
      this.close();
    } else this.host.requestUpdate();
  };

  /** A refusal with issues by field lands on those fields; anything else on the form as a whole. */
  private fail(ed: Editing, err: unknown): false {
    if (err instanceof TenantryError && err.details.issues?.length) {
      const errors = new Map<string, string>();
      // A server's issue comes as English text: worded again when it is one of the field rules' messages.
      for (const i of err.details.issues) errors.set(i.path.replace(/^contacts\[\d+\]\./, ''), rewordMessage(i.message));
      const known = [...errors.keys()].every((k) => FIELDS.some(([f]) => f === k) || k === 'role');
      ed.errors = errors;
      ed.failure = known ? null : errorText(err);
    } else ed.failure = errorText(err);
    return false;
  }

  private readonly handleDelete = async (ctx: SectionContext): Promise<void> => {
    const d = this.deleting;
    if (!d || d.busy) return;
    d.busy = true;
    d.failure = null;
    this.host.requestUpdate();
    const name = contactName(d.contact);
    const done = await ctx.write(msg(str`Deleting ${name}`), (etag, signal) => ctx.client.deleteContact(ctx.scope, ctx.org.id, d.contact.id, etag, {signal})).catch((err: unknown) => {
      d.failure = errorText(err);
      return false;
    });
    if (this.deleting !== d) return;
    d.busy = false;
    if (done) {
      ctx.announce(msg(str`${name} deleted.`));
      this.close();
    } else this.host.requestUpdate();
  };

  private readonly handleKeydown = (e: KeyboardEvent): void => {
    const dialog = e.currentTarget as HTMLDialogElement;
    if (e.key !== 'Tab') return;
    // Focus cycles inside the dialog.
    e.preventDefault();
    cycleFocus([...dialog.querySelectorAll<HTMLElement>('input, select:not([disabled]), button:not([disabled])')], this.host.renderRoot as ShadowRoot, e.shiftKey);
  };

  private readonly handleCancel = (e: Event): void => {
    // Escape: close through our state so focus returns to the opener.
    e.preventDefault();
    this.close();
  };
}
