/**
 * The sections read straight from the organization's record: profile (every field the customer
 * wizard sets), tenants and subscriptions, onboarding. Every value is text in its
 * own bidi isolate; nothing from the record becomes markup or a live link.
 */
import {formatInteger, formatList} from '../../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {html, nothing, type TemplateResult} from 'lit';
import {PROFILE_GROUPS, profileRows, type ProfileGroup} from '../../../src/shared/model/profile.js';
import {REGION_LABELS, WORKLOAD_LABELS} from '../../../src/shared/model/labels.js';
import type {OnboardingTask} from '../../../src/shared/model/types.js';
import type {SectionContext} from './section-context.js';

const GROUP_TITLES: Readonly<Record<ProfileGroup, string>> = {
  get organization() {
    return msg('Organization');
  },
  get company() {
    return msg('Company and billing');
  },
  get people() {
    return msg('Contacts and people');
  },
  get microsoft() {
    return msg('Microsoft account and Azure');
  },
  get plan() {
    return msg('Plan and services');
  },
  get schedules() {
    return msg('Collection schedules');
  },
  get notifications() {
    return msg('Notifications');
  },
  get sales() {
    return msg('Sales representatives');
  },
};

/** Profile: every field, grouped as the wizard enters them; Edit (in the header) opens the wizard. */
export function renderProfile(ctx: SectionContext): TemplateResult {
  return html`<div class="profile">
    ${PROFILE_GROUPS.map(
      (g) => html`<section class="group" part="profile-group" aria-labelledby="profile-${g}">
        <h3 id="profile-${g}" part="group-title">${GROUP_TITLES[g]}</h3>
        <dl part="fields">
          ${profileRows(g, ctx.org).map(([label, value]) => html`<div class="pair"><dt>${label}</dt><dd><bdi>${value || '—'}</bdi></dd></div>`)}
        </dl>
      </section>`,
    )}
  </div>`;
}

/** Tenants and subscriptions: the Azure directories and what is collected of them, and where data lives. */
export function renderTenants(ctx: SectionContext): TemplateResult {
  const org = ctx.org;
  return html`<dl part="fields">
      <div class="pair"><dt>${msg('Storage region')}</dt><dd>${org.storageRegion ? REGION_LABELS[org.storageRegion] : '—'}</dd></div>
      <div class="pair"><dt>${msg('Workloads')}</dt><dd>${formatList(org.workloads.map((w) => WORKLOAD_LABELS[w])) || '—'}</dd></div>
    </dl>
    ${org.azureTenants.length
      ? html`<table part="table">
          <caption class="sr-only">${msg('Azure directories and their subscriptions')}</caption>
          <thead><tr><th scope="col">${msg('Directory')}</th><th scope="col">${msg('Tenant ID')}</th><th scope="col">${msg('Domain')}</th><th scope="col">${msg('Subscriptions')}</th></tr></thead>
          <tbody>
            ${org.azureTenants.map(
              (t) => html`<tr>
                <th scope="row"><bdi>${t.name}</bdi></th>
                <td class="mono">${t.tenantId}</td>
                <td><bdi>${t.domain}</bdi></td>
                <td>
                  ${t.subscriptions.length
                    ? html`<ul class="plain">
                        ${t.subscriptions.map((s) => html`<li><bdi>${s.name}</bdi> <span class="muted">${s.monitored ? msg('monitored') : msg('not monitored')}</span></li>`)}
                      </ul>`
                    : html`<span class="muted">${msg('None')}</span>`}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p class="empty" part="empty">${msg('No Azure directories are linked to this customer.')}</p>`}`;
}

const TASK_STATE_LABELS: Readonly<Record<OnboardingTask['state'], string>> = {
  get todo() {
    return msg('To do');
  },
  get 'in-progress'() {
    return msg('In progress');
  },
  get done() {
    return msg('Done');
  },
};

/** Onboarding: each task and its state; a task the backend marks startable can be started here. */
export function renderOnboarding(ctx: SectionContext, start: (task: OnboardingTask) => void, busy: ReadonlySet<string>): TemplateResult {
  const tasks = ctx.org.onboardingTasks;
  if (!tasks.length) return html`<p class="empty" part="empty">${msg('Onboarding is complete.')}</p>`;
  const done = tasks.filter((t) => t.state === 'done').length;
  return html`<p part="progress"><progress max=${tasks.length} .value=${done} aria-label=${msg('Onboarding progress')}></progress> ${msg(str`${formatInteger(done)} of ${formatInteger(tasks.length)} tasks done`)}</p>
    <ul class="tasks" part="tasks">
      ${tasks.map(
        (t) => html`<li part="task" data-state=${t.state}>
          <span class="task-title"><bdi>${t.title}</bdi></span>
          <span class="badge" part="badge" data-tone=${t.state === 'done' ? 'success' : t.state === 'in-progress' ? 'info' : 'neutral'}>${TASK_STATE_LABELS[t.state]}</span>
          ${t.startable && t.state === 'todo'
            ? html`<button
                type="button"
                part="button"
                ?disabled=${ctx.writeBlocked !== null || busy.has(t.id)}
                title=${ctx.writeBlocked ?? nothing}
                aria-label=${msg(str`Start: ${t.title}`)}
                @click=${() => start(t)}
              >
                ${busy.has(t.id) ? msg('Starting…') : msg('Start')}
              </button>`
            : nothing}
        </li>`,
      )}
    </ul>`;
}
