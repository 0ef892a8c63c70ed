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
import {HOME_KIND_OF_ROLE, type Id, type TenantKind} from '../shared/model/types.js';
import {TENANT_KINDS} from '../shared/model/types.js';
import type {Scope} from '../shared/contract/backend.js';
import type {DataClient} from './data-client.js';
import {TenantryError, isAbort, type ErrorCode} from '../shared/contract/errors.js';
import type {ActingScope, TenantHit, TenantPathEntry} from '../shared/tenancy.js';

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

/** What every refused switch says: the same words for "forbidden" and "no such tenant", so nothing leaks. */
export const REFUSED_MESSAGE = "You don't have access to that tenant, or it doesn't exist.";
const FAILED_MESSAGE = "Couldn't switch tenants. Check the connection and try again.";

export const RECENT_PREF = 'tenancy.recent';
export const PINNED_PREF = 'tenancy.pinned';
export const MAX_RECENT = 8;
export const MAX_PINNED = 50;
/** Tenant IDs as the REST contract accepts them; anything else is refused before a request. */
const TENANT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Longest tenant name a message from another tab may carry; longer ones are ignored as hostile. */
const MAX_MESSAGE_NAME = 1000;
const TITLE_MAX = 80;
const TITLE_SEPARATOR = ' · ';


type HistoryMode = 'push' | 'replace' | 'none';

const EMPTY_STATE: ScopeStoreState = Object.freeze({home: null, current: null, switching: null, notice: null, error: null, pinned: Object.freeze([]) as unknown as TenantHit[], recent: Object.freeze([]) as unknown as TenantHit[]});

/**
 * A name as plain text for places that are not isolated (the page title): no control, bidi or
 * zero-width characters (an RTL override would flip the whole tab title), whitespace collapsed,
 * at most `max` characters.
 */
export function plainName(name: string, max = TITLE_MAX): string {
  const clean = name
    .replace(/[\t\n\v\f\r\u2028\u2029]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...clean];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKind = (v: unknown): v is TenantKind => typeof v === 'string' && (TENANT_KINDS as readonly string[]).includes(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

function pathEntry(v: unknown): TenantPathEntry | null {
  if (!isRecord(v) || !isText(v.id, 128) || !isText(v.name, MAX_MESSAGE_NAME) || !isKind(v.kind)) return null;
  return Object.freeze({id: v.id, name: v.name, kind: v.kind});
}

/** A stored or resolved hit, checked and copied (preferences outlive code versions; answers cross a boundary). */
function cleanHit(v: unknown): TenantHit | null {
  if (!isRecord(v) || typeof v.id !== 'string' || !TENANT_ID.test(v.id) || !isText(v.name, MAX_MESSAGE_NAME) || !isKind(v.kind)) return null;
  const path = Array.isArray(v.path) ? v.path.map(pathEntry) : [];
  if (path.some((p) => p === null)) return null;
  const hit: TenantHit = {
    id: v.id,
    kind: v.kind,
    name: v.name,
    domain: isText(v.domain, 253) ? v.domain : '',
    status: (typeof v.status === 'string' ? v.status : 'active') as TenantHit['status'],
    path: Object.freeze(path.length ? (path as TenantPathEntry[]) : [{id: v.id, name: v.name, kind: v.kind}]) as TenantPathEntry[],
    childCount: typeof v.childCount === 'number' && Number.isFinite(v.childCount) ? v.childCount : 0,
    matched: null,
  };
  return Object.freeze(hit);
}

function cleanHits(v: unknown, max: number): TenantHit[] {
  if (!Array.isArray(v)) return [];
  const out: TenantHit[] = [];
  for (const item of v) {
    const hit = cleanHit(item);
    if (hit && !out.some((h) => h.id === hit.id)) out.push(hit);
    if (out.length >= max) break;
  }
  return out;
}

const actingOf = (hit: TenantHit): ActingScope => Object.freeze({tenantId: hit.id, name: hit.name, kind: hit.kind, path: hit.path});

/** The error a refused or failed switch shows: the words never carry anything of the tenant. */
function switchError(e: unknown): TenantryError {
  if (e instanceof TenantryError && ['forbidden', 'not-found', 'invalid-request'].includes(e.code)) return refused(e.code);
  return new TenantryError(e instanceof TenantryError ? e.code : 'server', FAILED_MESSAGE, {reason: {id: 'scope.switch-failed', params: {}}});
}

/** A refused switch: one reason whether the tenant is forbidden or does not exist. */
const refused = (code: ErrorCode = 'not-found'): TenantryError => new TenantryError(code, REFUSED_MESSAGE, {reason: {id: 'scope.refused', params: {}}});

/** Identity of the backend for the channel name: tabs of the same backend and user talk, others never hear. */
function backendIdentity(client: DataClient): string {
  const config = client.options.config;
  if (config.kind === 'local') return `local:${config.namespace ?? 'default'}`;
  try {
    const url = new URL(config.baseUrl);
    return `${url.origin}${url.pathname}`;
  } catch {
    return config.baseUrl;
  }
}

const REGISTRY = Symbol.for('tenantry.scope-stores');

function storeRegistry(): WeakMap<DataClient, ScopeStore> {
  const g = globalThis as typeof globalThis & {[REGISTRY]?: WeakMap<DataClient, ScopeStore>};
  return (g[REGISTRY] ??= new WeakMap());
}

export class ScopeStore extends EventTarget {
  /** The page's store for a client: created on first use, shared by every widget (and bundle) after. */
  static forClient(client: DataClient, options: ScopeStoreOptions = {}): ScopeStore {
    const registry = storeRegistry();
    let store = registry.get(client);
    if (!store || store.disposed) {
      store = new ScopeStore(client, options);
      registry.set(client, store);
    } else if (options.syncTitle && !store.syncTitle) {
      // A later widget asking for the title gets it; none can switch it off for the others.
      store.syncTitle = true;
      store.applyTitle();
    }
    return store;
  }

  /** Resolves once the home tenant is known (and stays pending if the session fails; see `state.error`). */
  readonly ready: Promise<void>;
  /**
   * Resolves as `ready` does when the last visit's saved session names the home tenant, and as soon
   * as the page has read that none was saved otherwise (then only `ready` says when the worker's
   * session is in): how long a widget's first render may wait for the scope without waiting for
   * the worker.
   */
  readonly readyFromSaved: Promise<void>;
  private stateValue: ScopeStoreState = EMPTY_STATE;
  private readonly urlParam: string | null;
  private syncTitle: boolean;
  private disposed = false;
  /** Ends with the store: the session wait, preference reads. */
  private readonly lifetime = new AbortController();
  /** The switch in flight; a newer one aborts it, so its answer never lands. */
  private switchController: AbortController | null = null;
  private homeScope: Scope | null = null;
  private channel: BroadcastChannel | null = null;
  private titleOriginal = '';
  /** The title as this store last set it (read back), or `null` while it is the host's own. */
  private titleApplied: string | null = null;
  /** Set when the user moved before the home tenant was known: the URL's tenant no longer applies. */
  private movedEarly = false;
  private markReady!: () => void;

  private constructor(
    readonly client: DataClient,
    options: ScopeStoreOptions = {},
  ) {
    super();
    this.urlParam = options.urlParam === undefined ? 'tenant' : options.urlParam;
    this.syncTitle = options.syncTitle ?? false;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.readyFromSaved = client.savedSession.then(
      (saved) => (saved ? this.ready : undefined),
      () => undefined,
    );
    if (this.urlParam !== null && typeof window !== 'undefined') window.addEventListener('popstate', this.handlePopState);
    void this.start();
  }

  get state(): ScopeStoreState {
    return this.stateValue;
  }

  /** `my-organization` while acting in the home tenant, `customer` otherwise. */
  get mode(): ScopeMode {
    const {home, current} = this.stateValue;
    return home && current && current.tenantId !== home.tenantId ? 'customer' : 'my-organization';
  }

  /** Switches to a tenant the signed-in user may act in; refused or failed: `state.error`, scope unchanged. */
  switchTo(tenantId: Id): Promise<void> {
    this.movedEarly = true;
    return this.go(tenantId, 'push', true);
  }

  /** Back to the user's own tenant in one synchronous step; cancels any switch in flight. */
  switchHome(): void {
    this.movedEarly = true;
    this.abortSwitch();
    this.goHome('push', true);
  }

  /** Switches this tab to the tenant another tab switched to. */
  async followNotice(): Promise<void> {
    const notice = this.stateValue.notice;
    if (!notice) return;
    this.set({notice: null});
    await this.switchTo(notice.tenantId);
  }

  dismissNotice(): void {
    if (this.stateValue.notice) this.set({notice: null});
  }

  /** Clears `state.error` (the user read it). */
  dismissError(): void {
    if (this.stateValue.error) this.set({error: null});
  }

  /**
   * A tenant as the signed-in user's own view shows it (name, kind, path), without switching: for
   * a widget given a fixed scope. Rejects like `switchTo` would be refused.
   */
  async describe(tenantId: Id, options: {signal?: AbortSignal} = {}): Promise<ActingScope> {
    await this.ready;
    const {home, current} = this.stateValue;
    if (home?.tenantId === tenantId) return home;
    if (current?.tenantId === tenantId) return current;
    if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId)) throw refused();
    const signal = options.signal ?? this.lifetime.signal;
    try {
      const hit = cleanHit(await this.resolve(tenantId, signal));
      if (hit?.id !== tenantId) throw refused();
      return actingOf(hit);
    } catch (e) {
      throw isAbort(e) ? e : switchError(e);
    }
  }

  pin(hit: TenantHit): void {
    const clean = cleanHit(hit);
    if (!clean || this.disposed) return;
    const pinned = [...this.stateValue.pinned.filter((h) => h.id !== clean.id), clean].slice(-MAX_PINNED);
    this.set({pinned});
    this.savePref(PINNED_PREF, pinned);
  }

  unpin(tenantId: Id): void {
    if (!this.stateValue.pinned.some((h) => h.id === tenantId)) return;
    const pinned = this.stateValue.pinned.filter((h) => h.id !== tenantId);
    this.set({pinned});
    this.savePref(PINNED_PREF, pinned);
  }

  /** Stops listening to the URL, other tabs and the client; the registry forgets it. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abortSwitch();
    this.lifetime.abort();
    if (typeof window !== 'undefined') window.removeEventListener('popstate', this.handlePopState);
    if (this.channel) {
      this.channel.removeEventListener('message', this.handleMessage);
      this.channel.close();
      this.channel = null;
    }
    this.restoreTitle();
    const registry = storeRegistry();
    if (registry.get(this.client) === this) registry.delete(this.client);
  }

  // ——— Start ———

  private async start(): Promise<void> {
    let session;
    try {
      session = await this.client.session;
    } catch (e) {
      if (!this.disposed) this.set({error: e instanceof TenantryError ? e : new TenantryError('server', 'The session could not be started.', {reason: {id: 'session.start-failed', params: {}}})});
      return;
    }
    if (this.disposed) return;
    const kind = HOME_KIND_OF_ROLE[session.role] ?? 'customer';
    const id = session.homeTenantId;
    const home: ActingScope = Object.freeze({tenantId: id, name: session.homeTenantName, kind, path: Object.freeze([Object.freeze({id, name: session.homeTenantName, kind})]) as TenantPathEntry[]});
    this.homeScope = {tenantId: id};
    this.openChannel(session.user.id);
    void this.loadPrefs();
    const wanted = this.movedEarly ? null : this.readUrl();
    // With a tenant in the URL, `current` stays unknown until it is resolved: nothing of home is painted first.
    this.set(wanted && wanted !== id ? {home} : {home, current: this.stateValue.current ?? home});
    this.markReady();
    if (wanted && wanted !== id) await this.go(wanted, 'replace', false);
    else this.applyTitle();
  }

  private async loadPrefs(): Promise<void> {
    const scope = this.homeScope;
    if (!scope) return;
    const signal = this.lifetime.signal;
    // What the last visit saved paints first (read by the page while the worker starts), then the worker's answer.
    const saved = await Promise.all([this.client.savedPref(scope, PINNED_PREF).catch(() => undefined), this.client.savedPref(scope, RECENT_PREF).catch(() => undefined)]);
    if (this.disposed) return;
    if (saved.some((v) => v !== undefined)) this.applyPrefs(saved[0], saved[1]);
    const [pinned, recent] = await Promise.all([
      this.client.getPref<unknown>(scope, PINNED_PREF, {signal}).catch(() => undefined),
      this.client.getPref<unknown>(scope, RECENT_PREF, {signal}).catch(() => undefined),
    ]);
    if (this.disposed) return;
    this.applyPrefs(pinned, recent);
  }

  /** Stored pinned and recent tenants, after anything pinned or visited while they loaded. */
  private applyPrefs(pinned: unknown, recent: unknown): void {
    const merge = (now: TenantHit[], stored: TenantHit[], max: number, nowFirst: boolean): TenantHit[] => {
      const all = nowFirst ? [...now, ...stored] : [...stored, ...now];
      return all.filter((h, i) => all.findIndex((o) => o.id === h.id) === i).slice(0, max);
    };
    this.set({
      pinned: merge(this.stateValue.pinned, cleanHits(pinned, MAX_PINNED), MAX_PINNED, false),
      recent: merge(this.stateValue.recent, cleanHits(recent, MAX_RECENT), MAX_RECENT, true),
    });
  }

  private savePref(name: string, value: TenantHit[]): void {
    if (this.homeScope && !this.disposed) void this.client.setPref(this.homeScope, name, value).catch(() => undefined);
  }

  // ——— Switching ———

  private abortSwitch(): void {
    this.switchController?.abort();
    this.switchController = null;
  }

  private resolve(tenantId: Id, signal: AbortSignal): Promise<TenantHit> {
    return this.client.resolveTenant(this.homeScope!, tenantId, {signal});
  }

  private async go(tenantId: Id, history: HistoryMode, announce: boolean): Promise<void> {
    this.abortSwitch();
    const controller = (this.switchController = new AbortController());
    const {signal} = controller;
    await this.ready;
    if (signal.aborted || this.disposed) return;
    const home = this.stateValue.home!;
    if (tenantId === home.tenantId) {
      this.switchController = null;
      this.goHome(history, announce);
      return;
    }
    const {current} = this.stateValue;
    if (current?.tenantId === tenantId) {
      this.switchController = null;
      if (this.stateValue.switching || this.stateValue.error) this.set({switching: null, error: null});
      this.writeUrl(tenantId, history === 'none' ? 'none' : 'replace');
      return;
    }
    if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId)) {
      this.switchController = null;
      this.refuse(refused());
      return;
    }
    this.set({switching: {tenantId}, error: null});
    let hit: TenantHit | null;
    try {
      hit = cleanHit(await this.resolve(tenantId, signal));
      if (hit?.id !== tenantId) hit = null;
    } catch (e) {
      if (signal.aborted || this.disposed) return;
      this.switchController = null;
      if (isAbort(e)) {
        this.set({switching: null});
        return;
      }
      this.refuse(e);
      return;
    }
    // A newer switch (or Back, or dispose) took over while this one resolved: its answer never lands.
    if (signal.aborted || this.disposed) return;
    this.switchController = null;
    if (!hit) {
      this.refuse(refused());
      return;
    }
    const next = actingOf(hit);
    const recent = [hit, ...this.stateValue.recent.filter((h) => h.id !== hit.id)].slice(0, MAX_RECENT);
    const notice = this.stateValue.notice?.tenantId === next.tenantId ? null : this.stateValue.notice;
    this.set({current: next, switching: null, error: null, recent, notice});
    this.writeUrl(next.tenantId, history);
    this.applyTitle();
    this.savePref(RECENT_PREF, recent);
    if (announce) this.post(next);
  }

  private goHome(history: HistoryMode, announce: boolean): void {
    const {home, current} = this.stateValue;
    if (!home || this.disposed) return;
    const notice = this.stateValue.notice?.tenantId === home.tenantId ? null : this.stateValue.notice;
    const moved = current?.tenantId !== home.tenantId;
    this.set({current: home, switching: null, error: null, notice});
    this.writeUrl(null, history);
    this.applyTitle();
    if (announce && moved) this.post(home);
  }

  /**
   * A refused or failed switch: say so and stay where we are. A refused tenant leaves the URL (it
   * must not stay shareable as if it worked); a transient failure keeps it, so a reload retries.
   */
  private refuse(e: unknown): void {
    const home = this.stateValue.home!;
    const current = this.stateValue.current ?? home;
    const error = switchError(e);
    this.set({current, switching: null, error});
    if (error.reason?.id === 'scope.refused') this.writeUrl(current.tenantId === home.tenantId ? null : current.tenantId, 'replace');
    this.applyTitle();
  }

  // ——— URL ———

  private readUrl(): Id | null {
    if (this.urlParam === null || typeof location === 'undefined') return null;
    return new URL(location.href).searchParams.get(this.urlParam);
  }

  /** `null` removes the parameter (home needs none); `push` makes a history entry, so Back returns. */
  private writeUrl(tenantId: Id | null, mode: HistoryMode): void {
    if (this.urlParam === null || mode === 'none' || typeof location === 'undefined') return;
    const url = new URL(location.href);
    if (url.searchParams.get(this.urlParam) === tenantId) return;
    if (tenantId === null) url.searchParams.delete(this.urlParam);
    else url.searchParams.set(this.urlParam, tenantId);
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(history.state, '', url);
  }

  /** Back and Forward: the page follows the URL (not announced as a fresh switch to the history). */
  private readonly handlePopState = (): void => {
    const {home, current, switching} = this.stateValue;
    if (!home || this.disposed) return;
    const wanted = this.readUrl() ?? home.tenantId;
    if (wanted === current?.tenantId && !switching) return;
    this.movedEarly = true;
    void this.go(wanted, 'none', true);
  };

  // ——— Other tabs ———

  private openChannel(userId: Id): void {
    if (typeof BroadcastChannel === 'undefined' || this.disposed) return;
    this.channel = new BroadcastChannel(`tenantry-scope:${backendIdentity(this.client)}:${userId}`);
    this.channel.addEventListener('message', this.handleMessage);
  }

  private post(scope: ActingScope): void {
    try {
      this.channel?.postMessage({tenantId: scope.tenantId, name: scope.name});
    } catch {
      // A closed channel: no other tab to tell.
    }
  }

  /** Anything may post on the channel: only a well-formed notice of another scope is shown. */
  private readonly handleMessage = (e: MessageEvent): void => {
    const data: unknown = e.data;
    if (this.disposed || !isRecord(data)) return;
    const {tenantId, name} = data;
    if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId) || typeof name !== 'string' || name.length > MAX_MESSAGE_NAME) return;
    if (!this.stateValue.home || tenantId === this.stateValue.current?.tenantId) {
      if (this.stateValue.notice) this.set({notice: null});
      return;
    }
    this.set({notice: Object.freeze({tenantId, name})});
  };

  // ——— Title ———

  private applyTitle(): void {
    if (!this.syncTitle || typeof document === 'undefined' || this.disposed) return;
    const {home, current} = this.stateValue;
    // The host changed the title since we set it: theirs is the new original.
    if (this.titleApplied !== null && document.title !== this.titleApplied) this.titleApplied = null;
    if (home && current && current.tenantId !== home.tenantId) {
      if (this.titleApplied === null) this.titleOriginal = document.title;
      const name = plainName(current.name) || current.tenantId;
      document.title = this.titleOriginal ? `${name}${TITLE_SEPARATOR}${this.titleOriginal}` : name;
      this.titleApplied = document.title;
    } else {
      this.restoreTitle();
    }
  }

  private restoreTitle(): void {
    if (this.titleApplied === null || typeof document === 'undefined') return;
    if (document.title === this.titleApplied) document.title = this.titleOriginal;
    this.titleApplied = null;
  }

  private set(patch: Partial<ScopeStoreState>): void {
    if (this.disposed) return;
    const next = {...this.stateValue, ...patch};
    if (patch.pinned) next.pinned = Object.freeze([...patch.pinned]) as TenantHit[];
    if (patch.recent) next.recent = Object.freeze([...patch.recent]) as TenantHit[];
    this.stateValue = Object.freeze(next);
    this.dispatchEvent(new Event('change'));
  }
}
