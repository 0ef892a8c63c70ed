/**
 * The package's `tenantry/data-client` entry: what a host needs to give the elements their data —
 * the client, the provider, the page's acting scope, the page's locale, and the types of its
 * configuration, records and errors. Nothing here defines an element.
 */
export {DataClient, DataEventMessage, type CallOptions, type DataClientOptions} from '../src/page/data-client.js';
export {dataClientContext, gridViewContext, provideDataClient, scopeContext} from '../src/page/context.js';
export {ScopeStore, type ScopeStoreOptions, type ScopeStoreState} from '../src/page/scope-store.js';
export type {DataPlacement, DataPlaneEndpoint} from '../src/page/platform/data-worker-start.js';
export {TRUSTED_TYPES_POLICY} from '../src/page/platform/trusted-types.js';
export {getLocale, onLocaleChange, setLocale, type Locale} from '../src/page/locale.js';
export type {BackendConfig, HttpBackendConfig, LocalBackendConfig, Scope, TokenProvider} from '../src/shared/contract/backend.js';
export {TenantryError, isTenantryError, type ErrorCode, type ErrorDetails} from '../src/shared/contract/errors.js';
export type {Id, Organization, OrganizationInput, OrganizationPatch, OrganizationSummary, OrgStatus, LifecycleAction, Session, TenantNode, User} from '../src/shared/model/types.js';
export {DEFAULT_VIEW_STATE, type GridViewState} from '../src/shared/grid-view-state.js';
export type {TenantHit} from '../src/shared/tenancy.js';
/** Ids of the embedded backend's demo tenant and its users (`{kind: 'local', userId: DEMO_USERS.distributorAdmin}`). */
export {DEMO_TENANTS, DEMO_USERS} from '../src/shared/demo-tenant.js';
