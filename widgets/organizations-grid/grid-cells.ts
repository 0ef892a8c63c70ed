/**
 * What each column's cell shows: the template its declared `cell` hint names (src/shared/columns.ts
 * declares hint and value; the templates live here, with the DOM). Text goes through Lit bindings
 * only (never markup from data), in spans that isolate their direction so a right-to-left override
 * in a name cannot flip the row.
 * Interactive bits carry `data-action`: the grid handles them by delegation (one listener, not
 * one closure per cell) and keeps them out of the tab order (the cell is the tab stop).
 */
import {msg, str} from '@lit/localize';
import {html, nothing, svg, type TemplateResult} from 'lit';
import {styleProps} from '../../src/page/styles/style-props.js';
import {COLUMN_BY_KEY, COLUMNS, type ColumnDef, type ColumnKey, type CurrencyMode, type PlainValue} from '../../src/shared/columns.js';
import {CONTRACT_STATUS_LABELS, KIND_LABELS, SOURCE_DATA_LABELS, STATUS_LABELS} from '../../src/shared/model/labels.js';
import {CONTRACT_STATUSES, type Organization, type SourceDataStatus} from '../../src/shared/model/types.js';
import type {OrgRow} from '../../src/shared/query.js';
import {formatCost, formatDate, formatDateTime, formatInteger, formatPercent} from '../../src/page/format.js';
import type {TooltipKind} from './grid-popover-kinds.js';

export interface CellContext {
  currency: CurrencyMode;
  /** An organization's detail: the record, `undefined` while loading, `null` if it failed. */
  detail(id: string): Organization | null | undefined;
}

/** Columns whose cell opens a tooltip (hover, or Enter on the focused cell): those that declare one. */
export const TOOLTIP_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>(COLUMNS.filter((c) => c.tooltip !== null).map((c) => c.key));

/** Plain text, ellipsised by CSS, with the full text on hover and to assistive technology. */
export const text = (value: string | null | undefined, muted = false): TemplateResult | typeof nothing =>
  value ? html`<span class="text ${muted ? 'muted' : ''}" dir="auto" title=${value}>${value}</span>` : nothing;

const TONES: Record<string, string> = {active: 'success', inactive: 'neutral', suspended: 'warning', archived: 'neutral'};

const SOURCE_ICONS: Record<SourceDataStatus, TemplateResult> = {
  success: svg`<path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
  warning: svg`<path d="M8 2l6.5 11.5h-13z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="M8 6.5v3.2M8 11.6v.1" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>`,
  failed: svg`<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>`,
  'not-available': svg`<path d="M4 8h8" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>`,
};

const icon = (body: TemplateResult, cls = 'icon'): TemplateResult => html`<svg class=${cls} viewBox="0 0 16 16" aria-hidden="true" focusable="false">${body}</svg>`;

export const chevron = (): TemplateResult => icon(svg`<path d="M6 3.5l4.5 4.5L6 12.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>`, 'icon chevron');

/** A ring showing `progress` (0–1); the text next to it carries the meaning. */
function ring(progress: number): TemplateResult {
  const c = 2 * Math.PI * 6;
  return html`<svg class="ring" part="onboarding-ring" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <circle class="ring-track" cx="8" cy="8" r="6" fill="none" stroke-width="2.5"></circle>
    <circle class="ring-value" cx="8" cy="8" r="6" fill="none" stroke-width="2.5" stroke-dasharray=${`${(progress * c).toFixed(2)} ${c.toFixed(2)}`} transform="rotate(-90 8 8)"></circle>
  </svg>`;
}

function contractSummary(row: OrgRow): string {
  const counts = row.org.contractCounts;
  return CONTRACT_STATUSES.filter((s) => counts[s])
    .map((s) => `${counts[s]} ${CONTRACT_STATUS_LABELS[s].toLowerCase()}`)
    .join(' · ');
}

function nameCell(row: OrgRow, tree: boolean): TemplateResult {
  const org = row.org;
  const expander = row.hasChildren
    ? html`<button class="expander" part="expander" type="button" tabindex="-1" data-action="toggle" aria-expanded=${row.expanded ? 'true' : 'false'} aria-label=${row.expanded ? msg(str`Collapse ${org.name}`) : msg(str`Expand ${org.name}`)}>${chevron()}</button>`
    : tree
      ? html`<span class="expander-space"></span>`
      : nothing;
  const kind = org.kind === 'customer' ? nothing : html`<span class="kind" part="kind">${KIND_LABELS[org.kind]}</span>`;
  return html`<span class="name" style=${styleProps({'--_depth': tree ? String(row.depth) : '0'})}>${expander}${text(org.name)}${kind}${row.matched ? nothing : html`<span class="sr-only">${msg('(shown for context)')}</span>`}</span>`;
}

const depth = (row: OrgRow) => styleProps({'--_depth': String(row.depth)});

/** A linked-account row: the customer's account at `accountIndex`, from the customer's detail. */
function accountCell(row: OrgRow, ctx: CellContext): TemplateResult {
  const detail = ctx.detail(row.org.id);
  const account = detail?.linkedAccounts[row.accountIndex ?? -1];
  if (detail === undefined) return html`<span class="name" style=${depth(row)}><span class="expander-space"></span><span class="skeleton-text" aria-hidden="true"></span><span class="sr-only">${msg('Loading linked account')}</span></span>`;
  if (!account) return html`<span class="name" style=${depth(row)}><span class="expander-space"></span>${text(msg('Linked account unavailable'), true)}</span>`;
  const facts = [account.provider.toUpperCase(), account.type, account.autoCustomer ? msg('auto customer') : '', account.autoAssigned ? msg('auto-assigned') : '', account.excludeRule ? msg(str`excludes ${account.excludeRule}`) : '']
    .filter(Boolean)
    .join(' · ');
  return html`<span class="name account" style=${depth(row)}><span class="expander-space"></span>${text(account.name)}<span class="kind" part="kind">${text(facts, true)}</span></span>`;
}

const asText = (v: PlainValue): string | null => (v === null ? null : String(v));
const asNumber = (v: PlainValue): number | null => (typeof v === 'number' ? v : null);

/** What a formatting cell shows: its declared `cellValue`, else the export value. */
const shown = (def: ColumnDef, row: OrgRow, ctx: CellContext): PlainValue => (def.cellValue ? def.cellValue(row) : def.value(row, ctx));

/** The tooltip a cell opens; typed as the popover's kinds, so a declared tooltip it cannot show fails to compile. */
const tip = (def: ColumnDef): TooltipKind | typeof nothing => def.tooltip ?? nothing;

/** The content of one data cell: the template of the column's `cell` hint. */
export function renderCell(key: ColumnKey, row: OrgRow, ctx: CellContext, tree: boolean): TemplateResult | typeof nothing {
  const def = COLUMN_BY_KEY.get(key);
  if (!def) return nothing;
  const org = row.org;
  if (row.accountIndex !== null) {
    // A linked account is not an organization: it shows its name and its type, nothing else.
    if (def.cell === 'name') return accountCell(row, ctx);
    if (def.key === 'kind') return text(msg('Linked account'), true);
    return nothing;
  }
  switch (def.cell) {
    case 'name':
      return nameCell(row, tree);
    case 'text':
      return text(asText(def.value(row, ctx)));
    case 'date':
      return text(formatDate(asText(shown(def, row, ctx))));
    case 'percent':
      return html`<span class="num">${formatPercent(asNumber(def.value(row, ctx)))}</span>`;
    case 'integer': {
      const v = asNumber(def.value(row, ctx));
      return v === null ? nothing : html`<span class="num">${formatInteger(v)}</span>`;
    }
    case 'count-tip':
      return html`<span class="num tip-target" data-tip=${tip(def)}>${formatInteger(asNumber(def.value(row, ctx)))}</span>`;
    case 'date-time-tip': {
      const at = asText(shown(def, row, ctx));
      return at ? html`<span class="text tip-target" data-tip=${tip(def)}>${formatDateTime(at, true)}</span>` : text(msg('Never'), true);
    }
    case 'status':
      return html`<span class="badge" part="badge status-badge" data-tone=${TONES[org.status] ?? 'neutral'}>${STATUS_LABELS[org.status]}</span>`;
    case 'money': {
      const shownCost = formatCost(org.projectedAnnualCost, row.costUsd, ctx.currency);
      if (!shownCost) return nothing;
      // In USD mode the original amount stays one hover away.
      const original = ctx.currency === 'usd' ? formatCost(org.projectedAnnualCost, null, 'original') : '';
      return html`<span class="text num" title=${original ? `${shownCost} (${original})` : shownCost}>${shownCost}</span>`;
    }
    case 'health': {
      const s = row.sourceDataRollup;
      return html`<span class="source" part="source-data" data-tone=${s}>${icon(SOURCE_ICONS[s])}<span class="text">${SOURCE_DATA_LABELS[s]}</span></span>`;
    }
    case 'contracts': {
      const summary = contractSummary(row);
      return summary
        ? html`<button class="link-button" part="cell-button" type="button" tabindex="-1" data-action="contracts" aria-haspopup="dialog"><span class="text" title=${summary}>${summary}</span></button>`
        : text(msg('None'), true);
    }
    case 'onboarding': {
      const o = org.onboarding;
      if (!o) return text(msg('Complete'), true);
      return html`<button class="link-button onboarding" part="cell-button" type="button" tabindex="-1" data-action="onboarding" aria-haspopup="dialog">
        ${ring(row.onboardingProgress ?? 0)}<span>${o.done}/${o.total}</span><span class="sr-only">${msg('onboarding tasks done')}</span>
      </button>`;
    }
    case 'credits':
      return org.creditQuota ? html`<span class="num" title=${`${formatDate(org.creditQuota.effectiveOn)} – ${org.creditQuota.endsOn ? formatDate(org.creditQuota.endsOn) : msg('open-ended')}`}>${formatInteger(org.creditQuota.credits)}</span>` : nothing;
    case 'actions':
      return html`<button class="actions-button" part="actions-button" type="button" tabindex="-1" data-action="actions" aria-haspopup="dialog" aria-label=${msg(str`Actions for ${org.name}`)}>
        ${msg('Actions')}${chevron()}
      </button>`;
  }
}
