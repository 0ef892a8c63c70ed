/**
 * People: who works on the customer — readers, MSP engineers, tenant administrators, the account
 * manager — and the run-as account data is collected with. Each list is a user picker over the
 * scope's directory showing the people as removable tokens: picking adds, removing removes, each
 * change one write (`changePeople`). A refused change puts the picker back to what the server holds
 * and says why. The run-as account is a name, never a secret.
 */
import {inSentence} from '../../../src/page/format.js';
import {errorText} from '../../../src/page/messages.js';
import {msg, str} from '@lit/localize';
import {html, nothing, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {live} from 'lit/directives/live.js';
import type {UsersChangeDetail} from '../../user-combobox/user-combobox.js';
import {isAbort} from '../../../src/shared/contract/errors.js';
import type {PeopleChange, UserRef} from '../../../src/shared/model/types.js';
import type {SectionContext} from './section-context.js';

type Host = ReactiveControllerHost & HTMLElement;
type ListRole = 'reader' | 'engineer' | 'tenant-admin';

const LISTS: readonly {role: ListRole; readonly label: string; field: 'readers' | 'engineers' | 'tenantAdmins'; readonly hint: string}[] = [
  {
    role: 'reader',
    get label() {
      return msg('Organization readers');
    },
    field: 'readers',
    get hint() {
      return msg('See the customer’s data, change nothing.');
    },
  },
  {
    role: 'engineer',
    get label() {
      return msg('MSP engineers');
    },
    field: 'engineers',
    get hint() {
      return msg('Manage the customer for the MSP.');
    },
  },
  {
    role: 'tenant-admin',
    get label() {
      return msg('Tenant administrators');
    },
    field: 'tenantAdmins',
    get hint() {
      return msg('Administer the customer’s own tenant.');
    },
  },
];

/** The user picker loads with the section (not with the details). */
export const loadPeoplePicker = (): Promise<unknown> => import('../../user-combobox/user-combobox.js');

export class PeopleSection {
  /** What each part says after its last change (`role` → message), and which parts are saving. */
  private readonly notes = new Map<string, {tone: 'danger' | 'success'; text: string}>();
  private readonly busy = new Set<string>();
  /** The run-as account as typed, until saved. */
  private runAsTyped: string | null = null;

  constructor(private readonly host: Host) {}

  drop(): void {
    this.notes.clear();
    this.runAsTyped = null;
  }

  render(ctx: SectionContext): TemplateResult {
    const blocked = ctx.writeBlocked;
    const org = ctx.org;
    return html`${blocked ? html`<p class="muted" part="write-blocked">${blocked}</p>` : nothing}
      ${LISTS.map(({role, label, field, hint}) =>
        this.renderPicker(ctx, role, label, hint, org[field] ?? [], (users) => {
          const now = new Set((org[field] ?? []).map((u) => u.id));
          const next = new Set(users.map((u) => u.id));
          const add = [...next].filter((id) => !now.has(id));
          const remove = [...now].filter((id) => !next.has(id));
          return add.length || remove.length ? {role, ...(add.length && {add}), ...(remove.length && {remove})} : null;
        }),
      )}
      ${this.renderPicker(ctx, 'account-manager', msg('Account manager'), msg('The MSP’s person for this customer: one at most.'), org.accountManager ? [org.accountManager] : [], (users) => {
        // The picker holds a list: the person picked last is the manager.
        const pick = users.length ? users[users.length - 1] : null;
        return (pick?.id ?? null) === (org.accountManager?.id ?? null) ? null : {role: 'account-manager', userId: pick?.id ?? null};
      })}
      <div class="people-part" part="people-part">
        <label class="field" part="field"
          >${msg('Run-as account')}
          <span class="hint" part="hint">${msg('The service account data is collected with (a name such as svc-collect@contoso.com; never a password).')}</span>
          <input part="input" type="text" autocomplete="off" spellcheck="false" .value=${live(this.runAsTyped ?? org.runAsAccount ?? '')} ?disabled=${blocked !== null} @input=${(e: Event) => this.handleRunAsInput(e)} />
        </label>
        <div class="section-actions">
          <button type="button" part="button" ?disabled=${blocked !== null || this.busy.has('run-as') || this.runAsTyped === null} @click=${() => void this.saveRunAs(ctx, (this.runAsTyped ?? '').trim() || null)}>${msg('Save run-as account')}</button>
          ${org.runAsAccount ? html`<button type="button" part="button" ?disabled=${blocked !== null || this.busy.has('run-as')} @click=${() => void this.saveRunAs(ctx, null)}>${msg('Clear')}</button>` : nothing}
        </div>
        ${this.renderNote('run-as')}
      </div>`;
  }

  private renderPicker(ctx: SectionContext, role: PeopleChange['role'], label: string, hint: string, users: readonly UserRef[], changeOf: (users: UserRef[]) => PeopleChange | null): TemplateResult {
    const blocked = ctx.writeBlocked !== null || this.busy.has(role);
    return html`<div class="people-part" part="people-part" data-role=${role}>
      <tenantry-user-combobox
        .label=${label}
        .client=${ctx.client}
        .selected=${[...users]}
        scope-tenant-id=${ctx.scope.tenantId}
        ?inert=${blocked}
        aria-disabled=${blocked ? 'true' : 'false'}
        @tenantry-users-change=${(e: CustomEvent<UsersChangeDetail>) => {
          const change = changeOf(e.detail.users);
          if (change) void this.save(ctx, role, label, change);
        }}
      ></tenantry-user-combobox>
      <span class="hint" part="hint">${hint}</span>
      ${this.renderNote(role)}
    </div>`;
  }

  private renderNote(key: string): TemplateResult | typeof nothing {
    const note = this.notes.get(key);
    return note ? html`<p class="note" part="note" data-tone=${note.tone} role=${note.tone === 'danger' ? 'alert' : 'status'}>${note.text}</p>` : nothing;
  }

  private handleRunAsInput(e: Event): void {
    this.runAsTyped = (e.target as HTMLInputElement).value;
    this.host.requestUpdate();
  }

  private async saveRunAs(ctx: SectionContext, account: string | null): Promise<void> {
    const saved = await this.save(ctx, 'run-as', msg('Run-as account'), {role: 'run-as', account});
    if (saved) this.runAsTyped = null;
    this.host.requestUpdate();
  }

  private async save(ctx: SectionContext, key: string, label: string, change: PeopleChange): Promise<boolean> {
    this.busy.add(key);
    this.notes.delete(key);
    this.host.requestUpdate();
    try {
      await ctx.write(msg(str`Saving ${inSentence(label)}`), (etag, signal) => ctx.client.changePeople(ctx.scope, ctx.org.id, change, etag, {signal}));
      this.notes.set(key, {tone: 'success', text: msg(str`${label}: saved.`)});
      ctx.announce(msg(str`${label} saved.`));
      return true;
    } catch (e) {
      // Not sent: another customer is shown by now.
      if (isAbort(e)) return false;
      this.notes.set(key, {tone: 'danger', text: msg(str`${label} not saved: ${errorText(e)}`)});
      return false;
    } finally {
      this.busy.delete(key);
      this.host.requestUpdate();
    }
  }
}
