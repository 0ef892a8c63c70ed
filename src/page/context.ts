/**
 * What elements share through `@lit/context`: the data client, the acting tenant scope, and the
 * view of a grid that its toolbar controls show. Keys are global symbols so elements from
 * separately loaded bundles (a host page's script tag and the extension's) still find each other's
 * providers. Elements read them through the kit's controllers (`src/page/kit/`).
 */
import {ContextProvider, createContext} from '@lit/context';
import type {Scope} from '../shared/contract/backend.js';
import type {DataClient} from './data-client.js';
import type {GridViewStore} from './grid-view-store.js';

export const dataClientContext = createContext<DataClient | undefined>(Symbol.for('tenantry.data-client'));

/**
 * The tenant every element below the provider acts in. Without a provider (and without their own
 * `scope` property) elements follow the page's `ScopeStore` (`scope-store.ts`), which the tenant
 * switcher drives; see `ScopeController`.
 */
export const scopeContext = createContext<Scope | undefined>(Symbol.for('tenantry.scope'));

/** The view (columns, sort, search, filters…) of the organizations grid the controls below it belong to. */
export const gridViewContext = createContext<GridViewStore | undefined>(Symbol.for('tenantry.grid-view'));

/**
 * Gives every Tenantry element inside `root` (the page's `document.body`, or a portal's panel) the
 * data client, whenever they were defined. `setValue(other)` on the result hands them another one
 * (a new sign-in).
 */
export function provideDataClient(root: HTMLElement, client: DataClient): ContextProvider<typeof dataClientContext> {
  const provider = new ContextProvider(root, {context: dataClientContext, initialValue: client});
  // A plain element has no controller lifecycle: announce the provider now, so elements already
  // inside `root` (defined before this ran) ask again and find it.
  provider.hostConnected();
  return provider;
}
