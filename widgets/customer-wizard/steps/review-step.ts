/**
 * Step 9, review: everything entered, on one page, each section with a link back to its step.
 * Every value is the user's text rendered as text (in its own bidi isolate), never markup or a
 * live link, so nothing typed or pasted can act on the page.
 */
import {inSentence} from '../../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {html, nothing, type TemplateResult} from 'lit';
import {profileRows, type ProfileGroup} from '../../../src/shared/model/profile.js';
import {STEPS, type StepId} from '../wizard-steps.js';
import type {StepContext} from './step-context.js';

export function renderReviewStep(ctx: StepContext, problems: ReadonlySet<StepId>): TemplateResult {
  return html`${STEPS.filter((s) => s.id !== 'review').map(
    (s) => html`<section class="review" part="review-section" aria-labelledby="review-${s.id}">
      <div class="review-head">
        <h4 id="review-${s.id}" part="review-title">${s.title}</h4>
        ${problems.has(s.id) ? html`<span class="badge" part="badge">${msg('Needs attention')}</span>` : nothing}
        <button type="button" part="button review-change" aria-label=${msg(str`Change ${inSentence(s.title)}`)} @click=${() => ctx.goTo(s.id)}>${msg('Change')}</button>
      </div>
      <dl part="review-list">
        ${profileRows(s.id as ProfileGroup, ctx.values).map(([label, value]) => html`<div class="pair"><dt>${label}</dt><dd><bdi>${value || '—'}</bdi></dd></div>`)}
      </dl>
    </section>`,
  )}`;
}
