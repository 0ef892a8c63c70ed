/**
 * The per-tenant colour of the wrong-tenant guard: derived from the tenant ID (a hash, so the same
 * tenant has the same colour in every tab, widget and session, with no table to maintain), never
 * a theme colour. The user's own tenant gets the neutral token, so "not home" stands out.
 *
 * Widgets expose it as `--tenantry-scope-color` on their host (see `ScopeController`).
 */
import type {Id} from '../shared/model/types.js';
import {tokenVar} from './styles/tokens.js';

/** The neutral colour of the home tenant: a design token, so hosts restyle it. */
export const HOME_SCOPE_COLOR = tokenVar('color-border');

/** FNV-1a over UTF-16 code units, then an avalanche step: nearby IDs (`cus-000001`, `cus-000002`) land far apart. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** The hue (0–359) of a tenant's colour. */
export function scopeHue(tenantId: Id): number {
  return hash(tenantId) % 360;
}

/**
 * A stable, distinct colour for a tenant: `oklch(62% 0.14 <hue>)` — the same lightness and chroma
 * for every tenant, so only the hue tells them apart and none is much louder than another.
 * With `homeTenantId` equal to `tenantId`, the neutral home colour.
 */
export function scopeColor(tenantId: Id, homeTenantId?: Id | null): string {
  if (homeTenantId != null && tenantId === homeTenantId) return HOME_SCOPE_COLOR;
  return `oklch(62% 0.14 ${scopeHue(tenantId)})`;
}
