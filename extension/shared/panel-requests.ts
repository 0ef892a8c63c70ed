/**
 * What the popup, the bridge and the side panel tell each other, through `storage.session` (memory
 * only, trusted extension contexts only): a request to show something in the side panel, and the
 * acting tenant, so the panel follows a switch made in the popup. A request carries a sequence
 * number so the same customer asked for twice is shown twice.
 */
import {browser} from './browser.js';

export type PanelRequest =
  /** A customer of the acting tenant `tenantId`, by organization id. */
  | {to: 'customer'; tenantId: string; orgId: string; seq: number}
  /** The customer the bridge recognised on a portal page: searched by name in the panel. */
  | {to: 'search'; hint: string; seq: number}
  | {to: 'grid'; seq: number};

const REQUEST_KEY = 'panelRequest';
const ACTING_KEY = 'actingTenant';
const ID = /^[A-Za-z0-9._:-]{1,100}$/;

function parseRequest(raw: unknown): PanelRequest | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.seq !== 'number') return null;
  if (r.to === 'customer' && typeof r.tenantId === 'string' && ID.test(r.tenantId) && typeof r.orgId === 'string' && ID.test(r.orgId)) {
    return {to: 'customer', tenantId: r.tenantId, orgId: r.orgId, seq: r.seq};
  }
  if (r.to === 'search' && typeof r.hint === 'string' && r.hint.length <= 200) return {to: 'search', hint: r.hint, seq: r.seq};
  if (r.to === 'grid') return {to: 'grid', seq: r.seq};
  return null;
}

type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export async function sendPanelRequest(request: Without<PanelRequest, 'seq'>): Promise<void> {
  await browser.storage.session.set({[REQUEST_KEY]: {...request, seq: Date.now() + Math.random()}});
}

/** Takes the pending request (once): the panel that shows it removes it. */
export async function takePanelRequest(): Promise<PanelRequest | null> {
  const stored = await browser.storage.session.get(REQUEST_KEY);
  const request = parseRequest(stored[REQUEST_KEY]);
  if (request) await browser.storage.session.remove(REQUEST_KEY);
  return request;
}

export async function readActingTenant(): Promise<string | null> {
  const stored = await browser.storage.session.get(ACTING_KEY);
  const id = stored[ACTING_KEY];
  return typeof id === 'string' && ID.test(id) ? id : null;
}

export async function writeActingTenant(tenantId: string): Promise<void> {
  await browser.storage.session.set({[ACTING_KEY]: tenantId});
}

/** Listens for new panel requests and acting-tenant changes; returns the teardown. */
export function onPanelSignals(handlers: {request?: () => void; acting?: (tenantId: string) => void}): () => void {
  const handle = (changes: Record<string, {newValue?: unknown}>, area: string): void => {
    if (area !== 'session') return;
    if (REQUEST_KEY in changes && changes[REQUEST_KEY].newValue !== undefined) handlers.request?.();
    const acting = changes[ACTING_KEY]?.newValue;
    if (typeof acting === 'string' && ID.test(acting)) handlers.acting?.(acting);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
