/**
 * The acting tenant scope of a page, shared by every Tenantry widget that uses the same data
 * client — also widgets in different parts of a host page, and from different bundles (a registry
 * on `globalThis`, like `DataClient.shared`).
 *
 * API CONTRACT (agreed between the tenancy, switcher and grid work; the implementation fills it):
 * - `ScopeStore.forClient(client, options)` — the page's store for that client.
 * - `state` — a new immutable object on every change; a `change` event follows each.
 * - `switchTo(id)` — resolves the tenant through the backend's view of the user first (refused:
 *   `state.error`, nothing of the tenant shown); a newer switch supersedes and cancels an older
 *   one; the URL (`?tenant=`) and recent list follow.
 * - `switchHome()` — one synchronous step back to the user's own tenant.
 * - Another tab of the same user switching raises `state.notice`; this tab keeps its scope.
 */
import type {Id} from '../model/types.js';
import type {DataClient} from '../client/data-client.js';
import type {TenantryError} from '../contract/errors.js';
import type {ActingScope, TenantHit} from './types.js';

export interface ScopeStoreOptions {
  /** Query parameter that carries the scope in this tab's URL; `null` leaves the URL alone. Default `tenant`. */
  urlParam?: string | null;
  /** Prefix `document.title` with the acting tenant while it is not the user's own. Default `false`. */
  syncTitle?: boolean;
}

export interface ScopeNotice {
  tenantId: Id;
  name: string;
}

export interface ScopeStoreState {
  /** The signed-in user's own tenant; `null` until the session is known. */
  home: ActingScope | null;
  /** The tenant every widget acts in: `home` until switched; `null` until known. */
  current: ActingScope | null;
  /** A switch in flight (the widgets keep showing `current` until it lands). */
  switching: {tenantId: Id} | null;
  /** Another tab or the extension's side panel switched; this tab did not follow. */
  notice: ScopeNotice | null;
  /** Why the last switch (or the URL's scope) was refused; names no tenant data. */
  error: TenantryError | null;
  /** Pinned tenants, in the order pinned; kept per user in the worker's preferences. */
  pinned: TenantHit[];
  /** Recently switched-to tenants, most recent first, at most 8. */
  recent: TenantHit[];
}

export type ScopeMode = 'my-organization' | 'customer';

export declare class ScopeStore extends EventTarget {
  static forClient(client: DataClient, options?: ScopeStoreOptions): ScopeStore;
  readonly client: DataClient;
  get state(): ScopeStoreState;
  /** `my-organization` while acting in the home tenant, `customer` otherwise. */
  get mode(): ScopeMode;
  switchTo(tenantId: Id): Promise<void>;
  switchHome(): void;
  /** Switches this tab to the tenant another tab switched to. */
  followNotice(): Promise<void>;
  dismissNotice(): void;
  pin(hit: TenantHit): void;
  unpin(tenantId: Id): void;
  /** Stops listening to the URL, other tabs and the client; the registry forgets it. */
  dispose(): void;
}
