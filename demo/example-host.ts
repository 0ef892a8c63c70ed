/**
 * The host script of the example pages under `examples/` (hostile CSS, white label): what any
 * host does and nothing more. It creates the data client on the embedded backend, provides it to
 * the page, then loads the widgets the page holds. Everything about the look is in each page's
 * own stylesheet.
 */
import {provideDataClient} from '../src/page/context.js';
import {DataClient} from '../src/page/data-client.js';
import {ScopeStore} from '../src/page/scope-store.js';
import {DEMO_USERS} from '../src/shared/demo-tenant.js';

const user = DEMO_USERS.distributorAdmin;
const client = DataClient.shared({config: {kind: 'local', organizations: 2000, userId: user}, user});
ScopeStore.forClient(client, {urlParam: 'tenant'});
provideDataClient(document.body, client);

const loaders: Record<string, () => Promise<unknown>> = {
  'tenant-switcher': () => import('../widgets/tenant-switcher/tenant-switcher.js'),
  'organizations-grid': () => import('../widgets/organizations-grid/organizations-grid.js'),
  'accounts-grid': () => import('../widgets/accounts-grid/accounts-grid.js'),
  'customer-details': () => import('../widgets/customer-details/customer-details.js'),
  'customer-wizard': () => import('../widgets/customer-wizard/customer-wizard.js'),
};
await Promise.all(Object.entries(loaders).flatMap(([tag, load]) => (document.querySelector(tag) ? [load()] : [])));
