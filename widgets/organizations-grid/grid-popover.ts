/**
 * The contents of the grid's tooltips (last collection, readers, active tasks) and popups
 * (contracts, onboarding, row actions). Items behind a count come from the organization's detail,
 * fetched on demand. Actions carry `data-popover-action`; the popup's frame (`grid-popover-frame.ts`)
 * handles them by delegation.
 */
import {css, html, nothing, type TemplateResult} from 'lit';
import {msg, str} from '@lit/localize';
import {CONTRACT_STATUS_LABELS, isIrreversible, lifecycleItemLabel} from '../../src/shared/model/labels.js';
import type {LifecycleAction, Organization, OrganizationSummary} from '../../src/shared/model/types.js';
import {formatDate, formatDateTime, formatInteger, plural} from '../../src/page/format.js';
import {token} from '../../src/page/styles/tokens.js';
import {rowHref, type RowView} from '../../src/page/links.js';
import {LIFECYCLE_MOVES} from '../../src/shared/contract/lifecycle-moves.js';

import type {LifecycleMenu, PopoverKind} from './grid-popover-kinds.js';

/** How many items a tooltip lists before "and N more". */
const LIST_LIMIT = 8;
/** The contracts popup shows this many, then "View all contracts". */
const CONTRACTS_SHOWN = 3;

/** `sentence` is the whole message ("Loading readers…"), so each language words it its own way. */
const loading = (sentence: string): TemplateResult => html`<p class="pop-muted" role="status">${sentence}</p>`;
const failed = (sentence: string): TemplateResult => html`<p class="pop-muted">${sentence}</p>`;

function collection(org: OrganizationSummary): TemplateResult {
  const rows: [string, string | null][] = [
    [msg('Cost'), org.lastCollection.cost],
    [msg('Security'), org.lastCollection.security],
    [msg('Operations'), org.lastCollection.operations],
  ];
  return html`<p class="pop-title">${msg('Last data collection')}</p>
    <dl class="pop-facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v ? formatDateTime(v) : msg('Never')}</dd>`)}</dl>`;
}

function readers(org: OrganizationSummary, detail: Organization | null | undefined): TemplateResult {
  const title = html`<p class="pop-title">${msg(str`Organization readers (${formatInteger(org.readerCount)})`)}</p>`;
  if (org.readerCount === 0) return html`${title}<p class="pop-muted">${msg('No readers.')}</p>`;
  if (detail === undefined) return html`${title}${loading(msg('Loading readers…'))}`;
  if (detail === null) return html`${title}${failed(msg('Could not load readers.'))}`;
  const shown = detail.readers.slice(0, LIST_LIMIT);
  return html`${title}
    <ul class="pop-list">${shown.map((u) => html`<li><span class="text" dir="auto">${u.displayName}</span></li>`)}</ul>
    ${detail.readers.length > shown.length ? html`<p class="pop-muted">${more(detail.readers.length - shown.length)}</p>` : nothing}`;
}

function tasks(org: OrganizationSummary, detail: Organization | null | undefined): TemplateResult {
  const title = html`<p class="pop-title">${msg(str`Active tasks (${formatInteger(org.activeTaskCount)})`)}</p>`;
  if (org.activeTaskCount === 0) return html`${title}<p class="pop-muted">${msg('No active tasks.')}</p>`;
  if (detail === undefined) return html`${title}${loading(msg('Loading tasks…'))}`;
  if (detail === null) return html`${title}${failed(msg('Could not load tasks.'))}`;
  const shown = detail.activeTasks.slice(0, LIST_LIMIT);
  return html`${title}
    <ul class="pop-list">
      ${shown.map(
        (t) => html`<li>
          <span class="text" dir="auto">${t.title}</span>
          <span class="pop-meta"><span class="severity" data-severity=${t.severity}>${t.severity}</span>${t.dueOn ? ` · ${msg(str`due ${formatDate(t.dueOn)}`)}` : ''}${t.assignee ? html` · <span dir="auto">${t.assignee.displayName}</span>` : ''}</span>
        </li>`,
      )}
    </ul>
    ${detail.activeTasks.length > shown.length ? html`<p class="pop-muted">${more(detail.activeTasks.length - shown.length)}</p>` : nothing}`;
}

function contracts(detail: Organization | null | undefined): TemplateResult {
  const title = html`<p class="pop-title" id="pop-title">${msg('Contracts')}</p>`;
  if (detail === undefined) return html`${title}${loading(msg('Loading contracts…'))}`;
  if (detail === null) return html`${title}${failed(msg('Could not load contracts.'))}`;
  const shown = detail.contracts.slice(0, CONTRACTS_SHOWN);
  return html`${title}
    <ul class="pop-list">
      ${shown.map(
        (c) => html`<li>
          <span class="text" dir="auto">${c.name}</span>
          <span class="pop-meta"><span class="badge" data-tone=${c.status === 'active' ? 'success' : c.status === 'expiring' || c.status === 'pending' ? 'warning' : 'neutral'}>${CONTRACT_STATUS_LABELS[c.status]}</span>
            ${formatDate(c.startsOn)} – ${c.endsOn ? formatDate(c.endsOn) : msg('open-ended')}</span>
        </li>`,
      )}
    </ul>
    <div class="pop-actions">
      <button type="button" part="popover-action" data-popover-action="view-contracts">${msg(str`View all contracts (${formatInteger(detail.contracts.length)})`)}</button>
    </div>`;
}

function onboarding(org: OrganizationSummary, detail: Organization | null | undefined): TemplateResult {
  const title = html`<p class="pop-title" id="pop-title">${org.onboarding ? msg(str`Onboarding: ${org.onboarding.done} of ${org.onboarding.total} done`) : msg('Onboarding')}</p>`;
  if (detail === undefined) return html`${title}${loading(msg('Loading onboarding tasks…'))}`;
  if (detail === null) return html`${title}${failed(msg('Could not load onboarding tasks.'))}`;
  const stateLabel = {todo: msg('To do'), 'in-progress': msg('In progress'), done: msg('Done')};
  return html`${title}
    <ul class="pop-list">
      ${detail.onboardingTasks.map(
        (t) => html`<li class="pop-row">
          <span class="pop-grow"><span class="text" dir="auto">${t.title}</span><span class="pop-meta">${stateLabel[t.state]}</span></span>
          ${t.startable && t.state !== 'done'
            ? html`<button type="button" part="popover-action" data-popover-action="start-onboarding-task" data-task-id=${t.id} aria-label=${msg(str`Start: ${t.title}`)}>${msg('Start')}</button>`
            : nothing}
        </li>`,
      )}
    </ul>`;
}

const VIEW_LABELS: Readonly<Record<RowView, string>> = {
  get profile() { return msg('View profile'); },
  get edit() { return msg('Edit'); },
  get dashboard() { return msg('Dashboard'); },
  get cost() { return msg('Cost'); },
  get security() { return msg('Security'); },
  get operations() { return msg('Operations'); },
  get tasks() { return msg('Tasks'); },
};

/** "and 3 more" under a list cut short. */
const more = (n: number): string => plural(n, {one: (c) => msg(str`and ${c} more`), other: (c) => msg(str`and ${c} more`)});


/** The lifecycle items: the moves the row's status allows, Delete… for a suspended row; all waiting, with the reason, while offline. */
function lifecycleItems(org: OrganizationSummary, menu: LifecycleMenu): TemplateResult | typeof nothing {
  if (!menu.shown) return nothing;
  const reason = menu.disabledReason;
  // Still focusable while unavailable (the popup's arrow keys move through them), and described by the reason.
  const item = (action: LifecycleAction | 'delete', label: string, danger: boolean, first: boolean): TemplateResult => html`<li class=${first ? 'pop-last' : ''}>
    <button
      type="button"
      part=${danger ? 'popover-action danger-action' : 'popover-action'}
      class=${danger ? 'danger' : ''}
      data-popover-action=${action}
      aria-disabled=${reason ? 'true' : nothing}
      aria-describedby=${reason ? 'pop-lifecycle-reason' : nothing}
    >
      ${label}
    </button>
  </li>`;
  const items = LIFECYCLE_MOVES[org.status].map(({action: a}, i) => item(a, lifecycleItemLabel(a), isIrreversible(a), i === 0));
  const hint =
    org.status === 'suspended'
      ? item('delete', msg('Delete…'), true, items.length === 0)
      : html`<li class=${items.length === 0 ? 'pop-last' : ''}><p class="pop-muted">${org.status === 'archived' ? msg('An archived organization can’t be changed.') : msg('Delete becomes available once suspended.')}</p></li>`;
  return html`${items}${hint}${reason ? html`<li><p class="pop-muted" id="pop-lifecycle-reason">${reason}</p></li>` : nothing}`;
}

function actions(org: OrganizationSummary, hrefTemplate: string | null, menu: LifecycleMenu): TemplateResult {
  const item = (view: RowView): TemplateResult => {
    const href = rowHref(hrefTemplate, org.id, view);
    return href
      ? html`<li><a part="popover-action" href=${href} data-popover-action=${view}>${VIEW_LABELS[view]}</a></li>`
      : html`<li><button type="button" part="popover-action" data-popover-action=${view}>${VIEW_LABELS[view]}</button></li>`;
  };
  return html`<p class="pop-title" id="pop-title">${msg('Actions')}</p>
    <ul class="pop-menu">
      <li><button type="button" part="popover-action" data-popover-action="summary">${msg('Get summary')}</button></li>
      ${(['profile', 'edit', 'dashboard', 'cost', 'security', 'operations', 'tasks'] as const).map(item)} ${lifecycleItems(org, menu)}
    </ul>`;
}

/** The body of a tooltip or popup for one organization. */
export function popoverBody(kind: PopoverKind, org: OrganizationSummary, detail: Organization | null | undefined, hrefTemplate: string | null, menu: LifecycleMenu): TemplateResult {
  switch (kind) {
    case 'collection':
      return collection(org);
    case 'readers':
      return readers(org, detail);
    case 'tasks':
      return tasks(org, detail);
    case 'contracts':
      return contracts(detail);
    case 'onboarding':
      return onboarding(org, detail);
    case 'actions':
      return actions(org, hrefTemplate, menu);
  }
}

/**
 * The look of the bodies above: loaded with them (not with the grid) and added to the grid's shadow
 * root then; the popup's frame (`.popover`) is the grid's own.
 */
export const popoverStyles = css`
    .pop-title {
      margin: 0 0 var(--_s2);
      font-weight: 600;
    }
    .pop-muted {
      margin: var(--_s1) 0 0;
      color: var(--_muted);
      font-size: 0.9em;
    }
    .pop-list,
    .pop-menu {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--_s1);
    }
    .pop-list li {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .pop-list li.pop-row {
      flex-direction: row;
      align-items: center;
      gap: var(--_s2);
    }
    .pop-grow {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
    }
    .pop-meta {
      color: var(--_muted);
      font-size: 0.85em;
    }
    .pop-facts {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 2px var(--_s3);
      margin: 0;
    }
    .pop-facts dt {
      color: var(--_muted);
    }
    .pop-facts dd {
      margin: 0;
    }
    .pop-actions {
      margin-top: var(--_s2);
    }
    .pop-menu {
      gap: 0;
      margin: 0 calc(-1 * var(--_s3));
    }
    .pop-menu a,
    .pop-menu button {
      display: block;
      width: 100%;
      padding: 6px var(--_s3);
      border: 0;
      background: transparent;
      color: inherit;
      text-align: start;
      text-decoration: none;
    }
    .pop-menu a:hover,
    .pop-menu button:hover,
    .pop-menu a:focus-visible,
    .pop-menu button:focus-visible {
      background: var(--_hover);
    }
    .pop-menu .pop-last {
      border-top: 1px solid var(--_border);
      margin-top: var(--_s1);
      padding-top: var(--_s1);
    }
    .pop-menu .pop-muted {
      padding: 0 var(--_s3) var(--_s1);
    }
    .danger,
    .severity[data-severity='critical'],
    .severity[data-severity='high'] {
      color: ${token('color-danger')};
    }
    .pop-menu [aria-disabled='true'] {
      cursor: not-allowed;
      opacity: 0.6;
    }
    .pop-menu button.danger {
      color: ${token('color-danger')};
      font-weight: 600;
    }
    .severity {
      text-transform: capitalize;
    }
`;
