/**
 * What widgets share through `@lit/context`: the data client and the acting tenant scope.
 * Keys are global symbols so widgets from separately loaded bundles (a host page's script tag and
 * the extension's) still find each other's providers.
 */
import {createContext} from '@lit/context';
import type {Scope} from '../contract/backend.js';
import type {DataClient} from './data-client.js';

export const dataClientContext = createContext<DataClient | undefined>(Symbol.for('tenantry.data-client'));

/**
 * The tenant every widget below the provider acts in. Without a provider (and without their own
 * `scope` property) widgets follow the page's `ScopeStore` (`src/tenancy/scope-store.ts`), which
 * the tenant switcher drives; see `ScopeController`.
 */
export const scopeContext = createContext<Scope | undefined>(Symbol.for('tenantry.scope'));
