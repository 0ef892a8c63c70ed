/**
 * The wrong-tenant guard every widget shows above its content: the acting tenant's name, its path
 * (Distributor › Reseller › Customer), its colour, and — while away from the user's own tenant —
 * "Back to <home>", one step. A shared render helper (not an element), so it sits in the widget's
 * own shadow root and its `part`s are the widget's.
 *
 * Names are data: each is rendered as text in its own bidi isolate (`dir="auto"`), so markup,
 * right-to-left overrides and zero-width characters cannot rearrange the words around them.
 */
import type {TenantryError} from '../../shared/contract/errors.js';
import {KIND_LABELS} from '../../shared/model/labels.js';
import {msg} from '@lit/localize';
import {errorText, reasonText} from '../messages.js';
import {css, html, nothing, type TemplateResult} from 'lit';
import {token} from '../styles/tokens.js';
import type {ScopeController} from './scope-controller.js';


/** The store's words in the page's language; a refusal says nothing of the tenant, whatever the server said. */
function scopeErrorText(error: TenantryError): string {
  if (['forbidden', 'not-found', 'invalid-request'].includes(error.code)) return reasonText({id: 'scope.refused', params: {}});
  return errorText(error);
}

/**
 * The banner of a widget's acting scope.
 *
 * Parts: `scope` (the banner), `scope-stripe`, `scope-label`, `scope-name`, `scope-path`,
 * `scope-path-item`, `scope-status`, `scope-home-button`, `scope-error`.
 */
export function renderScopeBanner(scoping: ScopeController): TemplateResult {
  const current = scoping.current;
  const home = scoping.home;
  const state = scoping.source === 'store' ? scoping.store?.state : undefined;
  const away = Boolean(current && home && current.tenantId !== home.tenantId);
  const fallbackId = scoping.scope?.tenantId ?? '';
  const path = current && current.path.length > 1 ? current.path : null;
  return html`<div class="scope-banner" part="scope" data-scope=${away ? 'customer' : 'home'} data-tenant-id=${scoping.scope?.tenantId ?? nothing}>
    <span class="scope-stripe" part="scope-stripe" aria-hidden="true"></span>
    <span class="scope-label" part="scope-label">${away ? msg('Acting in') : msg('Your organization')}</span>
    <span class="scope-name isolate" part="scope-name" dir="auto">${current ? current.name : fallbackId}</span>
    ${current ? html`<span class="scope-kind" part="scope-kind">${KIND_LABELS[current.kind] ?? ''}</span>` : nothing}
    ${path
      ? html`<ol class="scope-path" part="scope-path" aria-label=${msg('Tenant path')}>
          ${path.map((p) => html`<li class="isolate" part="scope-path-item" dir="auto">${p.name}</li>`)}
        </ol>`
      : nothing}
    ${state?.switching ? html`<span class="scope-status" part="scope-status">${msg('Switching…')}</span>` : nothing}
    ${scoping.canGoHome && home
      ? html`<button type="button" class="scope-home" part="scope-home-button" @click=${() => scoping.goHome()}>
          ${msg(html`Back to <span class="isolate" dir="auto">${home.name}</span>`)}
        </button>`
      : nothing}
    ${state?.error
      ? html`<p class="scope-error" part="scope-error" role="alert">
          ${scopeErrorText(state.error)} <button type="button" @click=${() => scoping.store?.dismissError()}>${msg('Dismiss')}</button>
        </p>`
      : nothing}
  </div>`;
}

export const scopeBannerStyles = css`
  .scope-banner {
    --_scope-color: var(--tenantry-scope-color, ${token('color-border')});
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-1')} ${token('space-2')};
    padding: ${token('space-1')} ${token('space-2')} ${token('space-1')} ${token('space-3')};
    position: relative;
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
    background: ${token('color-surface')};
    min-width: 0;
  }
  .scope-banner[data-scope='customer'] {
    border-color: var(--_scope-color);
    background: color-mix(in srgb, var(--_scope-color) 10%, ${token('color-surface')});
  }
  .scope-stripe {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    width: 6px;
    border-start-start-radius: inherit;
    border-end-start-radius: inherit;
    background: var(--_scope-color);
  }
  .scope-label,
  .scope-kind,
  .scope-status {
    color: ${token('color-text-muted')};
  }
  .scope-name {
    font-weight: 600;
    min-width: 0;
    max-width: 40ch;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .scope-path {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-1')};
    margin: 0;
    padding: 0;
    list-style: none;
    color: ${token('color-text-muted')};
    min-width: 0;
  }
  .scope-path li {
    max-width: 24ch;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .scope-path li + li::before {
    content: '›' / '';
    padding-inline-end: ${token('space-1')};
  }
  .isolate {
    unicode-bidi: isolate;
  }
  .scope-home {
    margin-inline-start: auto;
    font: inherit;
    color: inherit;
    background: ${token('color-surface')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
    padding: 2px ${token('space-2')};
    cursor: pointer;
    max-width: 40ch;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .scope-error {
    flex-basis: 100%;
    margin: 0;
    color: ${token('color-danger')};
  }
`;
