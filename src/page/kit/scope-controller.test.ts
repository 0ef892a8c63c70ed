/**
 * The scope controller re-renders its widget when the acting scope may have changed, and not for
 * the switcher's own lists (pinned and recent tenants). Real DataClient (module worker, embedded
 * backend over IndexedDB) and a real ScopeStore.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {LitElement} from 'lit';
import {DataClient} from '../data-client.js';
import {ScopeStore} from '../scope-store.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../shared/demo-tenant.js';
import {ScopeController} from './scope-controller.js';

const WAIT = {timeout: 15_000};

class ScopedProbe extends LitElement {
  client: DataClient | null = null;
  updates = 0;
  readonly scoping = new ScopeController(this, {client: () => this.client, scope: () => null});
  override updated(): void {
    this.updates++;
  }
  override render(): unknown {
    return html`${this.scoping.current?.name ?? ''}`;
  }
}
customElements.define('scoped-probe-test', ScopedProbe);

describe('ScopeController', () => {
  let client: DataClient;
  afterEach(() => {
    ScopeStore.forClient(client).dispose();
    client.dispose();
  });

  it('re-renders for a new acting scope, not for pinned or recent tenants', async () => {
    client = new DataClient({config: {kind: 'local', organizations: 60, namespace: `scope-ctl-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin}, cacheName: `tenantry-scope-ctl-${crypto.randomUUID()}`});
    const el = await fixture<ScopedProbe>(html`<scoped-probe-test .client=${client}></scoped-probe-test>`);
    el.requestUpdate();
    const store = ScopeStore.forClient(client);
    await waitUntil(() => store.state.current !== null && store.state.switching === null, 'home scope', WAIT);
    await el.updateComplete;

    const before = el.updates;
    store.pin({id: DEMO_TENANTS.reseller, kind: 'reseller', name: 'Pinned reseller', domain: 'pinned.example', status: 'active', path: [{id: DEMO_TENANTS.reseller, name: 'Pinned reseller', kind: 'reseller'}], childCount: 0, matched: null});
    await waitUntil(() => store.state.pinned.length === 1, 'pinned', WAIT);
    await el.updateComplete;
    expect(el.updates, 'no render for a pin').to.equal(before);

    await store.switchTo(DEMO_TENANTS.reseller);
    await waitUntil(() => store.state.current?.tenantId === DEMO_TENANTS.reseller, 'switched', WAIT);
    await el.updateComplete;
    expect(el.updates, 'a render for the new scope').to.be.greaterThan(before);
  });
});
