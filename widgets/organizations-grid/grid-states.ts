/**
 * What the grid says about its rows rather than the rows themselves: the count line, the notices
 * above the grid (offline, saved data, skipped records, export, errors) and the empty, no-match and
 * error states in its place. Words from the data (names, the search) are bound as text, isolated.
 */
import {html, nothing, type TemplateResult} from 'lit';
import {msg, str} from '@lit/localize';
import {TenantryError} from '../../src/shared/contract/errors.js';
import type {CacheNotice, ResultState} from '../../src/shared/protocol.js';
import {formatDateTime, formatInteger, plural} from '../../src/page/format.js';
import {errorText, noticeText} from '../../src/page/messages.js';

export interface StateContext {
  /** The acting tenant's name for people. */
  scopeLabel: string;
  /** The search as the user typed it. */
  search: string;
  retry(): void;
  clearFilters(): void;
}

const errorMessage = (error: unknown): string => errorText(error, () => msg('Something went wrong while loading organizations.'));

/** "1,204 of 100,151 organizations in Northgate Distribution". */
export function summaryText(view: ResultState, narrowed: boolean, scopeLabel: string): string {
  // Counts of the rows shown: the committed query, not one still running.
  const all = view.datasetSize;
  if (narrowed) {
    const shown = formatInteger(view.total);
    return scopeLabel
      ? plural(all, {one: (c) => msg(str`${shown} of ${c} organization in ${scopeLabel}`), other: (c) => msg(str`${shown} of ${c} organizations in ${scopeLabel}`)})
      : plural(all, {one: (c) => msg(str`${shown} of ${c} organization`), other: (c) => msg(str`${shown} of ${c} organizations`)});
  }
  return scopeLabel
    ? plural(all, {one: (c) => msg(str`${c} organization in ${scopeLabel}`), other: (c) => msg(str`${c} organizations in ${scopeLabel}`)})
    : plural(all, {one: (c) => msg(str`${c} organization`), other: (c) => msg(str`${c} organizations`)});
}

/** The notices above the grid: the cache's (storage) first; `more` (the export's) go before an error. */
export function renderNotices(view: ResultState | null, error: unknown, more: readonly unknown[], retry: () => void, storage: readonly CacheNotice[] = []): TemplateResult {
  return html`<div class="notices">${[
    ...storage.map((n) => html`<p class="notice" part="notice storage-notice" data-tone="warning" data-reason=${n.reason}>${noticeText(n)}</p>`),
    view?.freshness === 'offline' ? html`<p class="notice" part="notice" data-tone="warning">${msg(str`Offline — showing data saved on this device, as of ${formatDateTime(view.asOf)}`)}</p>` : nothing,
    view?.freshness === 'cached' ? html`<p class="notice" part="notice">${msg(str`Showing saved data as of ${formatDateTime(view.asOf)}`)}</p>` : nothing,
    view && view.rejected.count > 0
      ? html`<p class="notice" part="notice" data-tone="warning">
          <span class="text" title=${view.rejected.sample.join('; ')}>${skipped(view.rejected.count, view.rejected.sample.join('; '))}</span>
        </p>`
      : nothing,
    ...more,
    error ? html`<p class="notice" part="notice" data-tone="danger" role="alert">${errorMessage(error)} <button type="button" @click=${retry}>${msg('Retry')}</button></p>` : nothing,
  ]}</div>`;
}

/** "3 records from the server were skipped: …". */
const skipped = (count: number, sample: string): string =>
  plural(count, {one: (c) => msg(str`${c} record from the server was skipped: ${sample}`), other: (c) => msg(str`${c} records from the server were skipped: ${sample}`)});

/** In place of rows: a load error, no organizations at all, or none matching. */
export function renderState(view: ResultState | null, error: unknown, c: StateContext): TemplateResult | typeof nothing {
  if (error) {
    const code = error instanceof TenantryError ? error.code : null;
    // Signed out, or no access: trying again cannot help, so no Retry.
    const final = code === 'unauthenticated' || code === 'forbidden';
    const title = code === 'unauthenticated' ? msg('You are signed out') : code === 'forbidden' ? msg('No access to this tenant') : msg('Couldn’t load organizations');
    return html`<div class="state" part="state" role="alert">
      <p class="state-title">${title}</p>
      <p>${errorMessage(error)}</p>
      ${final ? nothing : html`<button type="button" @click=${c.retry}>${msg('Retry')}</button>`}
    </div>`;
  }
  if (!view || view.total > 0) return nothing;
  if (view.datasetSize === 0) {
    return html`<div class="state" part="state">
      <p class="state-title">${msg('No organizations yet')}</p>
      <p>${msg(html`Organizations you add, or that are assigned to <span class="isolate" dir="auto">${c.scopeLabel}</span>, appear here.`)}</p>
    </div>`;
  }
  const search = c.search.trim();
  return html`<div class="state" part="state">
    <p class="state-title">${search ? msg(html`No organizations match “<span class="isolate" dir="auto">${search}</span>”`) : msg('No organizations match these filters')}</p>
    <p>${msg('Try other words, or clear the search and filters.')}</p>
    <button type="button" @click=${c.clearFilters}>${msg('Clear filters')}</button>
  </div>`;
}
