import {LitElement, css, html, nothing} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';
import {Task} from '@lit/task';
import type {DataClient} from '../src/client/data-client.js';
import {DataEventMessage} from '../src/client/data-client.js';
import {baseStyles, token} from '../src/styles/tokens.js';

const money = (amount: number, currency: string): string => {
  try {
    return new Intl.NumberFormat(undefined, {style: 'currency', currency, maximumFractionDigits: 0}).format(amount);
  } catch {
    return `${amount.toFixed(0)} ${currency}`;
  }
};

/**
 * Demo-only: a minimal live list straight from the data plane, until `<organizations-grid>` lands.
 * It proves the path end to end: worker, embedded backend, cache, search in the worker, windows.
 */
@customElement('demo-live-list')
export class DemoLiveList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      .bar { display: flex; gap: 12px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
      input { font: inherit; padding: 6px 10px; min-width: 280px; border: 1px solid ${token('color-border')}; border-radius: ${token('radius')}; }
      .meta { color: ${token('color-text-muted')}; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid ${token('color-border')}; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 320px; unicode-bidi: isolate; }
      th { position: sticky; top: 0; background: ${token('color-surface-raised')}; }
      .error { color: ${token('color-danger')}; }
    `,
  ];

  /** The data client (set by the page). */
  @property({attribute: false}) client?: DataClient;
  @state() private search = '';
  @state() private version = 0;

  private readonly onData = (e: Event): void => {
    if (e instanceof DataEventMessage && e.data.type === 'dataset-updated') this.version = e.data.version;
  };

  private readonly rows = new Task(this, {
    task: async ([client, search], {signal}) => {
      if (!client) return null;
      const session = await client.session;
      const view = await client.openView({tenantId: session.homeTenantId}, {search, sort: [{key: 'name', dir: 'asc'}]}, {signal});
      const win = await client.window(view.viewId, 0, 100, {signal});
      client.closeView(view.viewId);
      return {session, view, win};
    },
    args: () => [this.client, this.search, this.version] as const,
  });

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('client')) {
      (changed.get('client') as DataClient | undefined)?.events.removeEventListener('data-event', this.onData);
      this.client?.events.addEventListener('data-event', this.onData);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.client?.events.removeEventListener('data-event', this.onData);
  }

  override render() {
    return html`
      <div class="bar">
        <input type="search" aria-label="Search organizations" placeholder="Search name, domain, tenant ID, owner…" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} />
        ${this.rows.render({
          pending: () => html`<span class="meta">Loading…</span>`,
          complete: (r) => (r ? html`<span class="meta">${r.view.total.toLocaleString()} of ${r.view.datasetSize.toLocaleString()} organizations in ${r.session.homeTenantName} · ${r.view.freshness} as of ${r.view.asOf ? new Date(r.view.asOf).toLocaleTimeString() : '—'}</span>` : nothing),
          error: (e) => html`<span class="error" role="alert">${e instanceof Error ? e.message : String(e)}</span>`,
        })}
      </div>
      ${this.rows.value
        ? html`<table>
            <thead><tr><th>Name</th><th>Kind</th><th>Plan</th><th>Status</th><th>Projected annual cost</th><th>Parent</th><th>Owner</th></tr></thead>
            <tbody>
              ${this.rows.value.win.rows.map(
                (r) => html`<tr>
                  <td>${r.org.name}</td><td>${r.org.kind}</td><td>${r.org.plan ?? '—'}</td><td>${r.org.status}</td>
                  <td>${r.org.projectedAnnualCost ? money(r.org.projectedAnnualCost.amount, r.org.projectedAnnualCost.currency) : '—'}</td>
                  <td>${r.parentName ?? '—'}</td><td>${r.org.owner?.displayName ?? '—'}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
    `;
  }
}
