/**
 * The grid's open tooltip or popup (`grid-popups.ts` holds what is open; this reads it through
 * `PopupsView`): its frame around the contents (`grid-popover.ts`), its place next to its cell,
 * focus moving into a popup, its keys (Tab and the arrows stay inside, Escape closes) and its
 * items. Loaded with the contents, after the grid's first rows; the contents' look is added to the
 * grid's shadow root then.
 */
import {msg, str} from '@lit/localize';
import {html, nothing, type TemplateResult} from 'lit';
import {cycleFocus, placeBeside} from '../../src/page/kit/popup-helpers.js';
import type {LifecycleRequestAction} from '../../src/page/kit/lifecycle-controller.js';
import {addStyles} from '../../src/page/platform/styles.js';
import {isLifecycleAction} from '../../src/shared/contract/lifecycle-moves.js';
import type {PopoverKind, PopupsView} from './grid-popover-kinds.js';
import {popoverBody, popoverStyles} from './grid-popover.js';
import {loadLifecycleDialog, startLifecycle, startTask, type RowAction} from './grid-row-actions.js';

const POPOVER_TITLES: Readonly<Record<PopoverKind, string>> = {
  get collection() { return msg('Last data collection'); },
  get readers() { return msg('Organization readers'); },
  get tasks() { return msg('Active tasks'); },
  get contracts() { return msg('Contracts'); },
  get onboarding() { return msg('Onboarding'); },
  get actions() { return msg('Actions'); },
};

/** The event listeners of each grid's popup, made once. */
const listeners = new WeakMap<PopupsView, ReturnType<typeof listenersOf>>();

export function render(popups: PopupsView): TemplateResult | typeof nothing {
  // The contents' look came with them: the grid's shadow root takes it the first time.
  const root = popups.host.renderRoot;
  if (root instanceof ShadowRoot) addStyles(root, popoverStyles);
  const pop = popups.current;
  if (!pop) return nothing;
  let on = listeners.get(popups);
  if (!on) listeners.set(popups, (on = listenersOf(popups)));
  const {tooltip} = pop;
  const {options} = popups;
  const detail = pop.detailed ? options.detail(pop.org.id) : undefined;
  return html`<div
    class="popover"
    part=${tooltip ? 'tooltip' : 'popover'}
    id=${tooltip ? 'grid-tooltip' : 'grid-popover'}
    role=${tooltip ? 'tooltip' : 'dialog'}
    aria-label=${tooltip ? nothing : msg(str`${POPOVER_TITLES[pop.kind]}: ${pop.org.name}`)}
    @keydown=${on.keydown}
    @click=${on.click}
    @mouseleave=${tooltip ? popups.handleTipOut : nothing}
    @mouseenter=${tooltip ? on.enter : nothing}
  >
    ${popoverBody(pop.kind, pop.org, detail, options.hrefTemplate(), options.lifecycle(pop.org))}
  </div>`;
}

/**
 * After each render of the grid: the open one next to its cell, and a popup just opened takes
 * focus. An Actions menu that offers a move has the confirmation load, so a move chosen from it
 * does not wait for that.
 */
export function updated(popups: PopupsView): void {
  place(popups);
  const open = popups.current;
  if (popups.focusInside && open) {
    popups.focusInside = false;
    popups.element?.querySelector<HTMLElement>('button, a[href]')?.focus();
  }
  if (open?.kind === 'actions' && popups.options.lifecycle(open.org).shown) loadLifecycleDialog().catch(() => undefined);
}

/** Keeps the open one next to its cell; closes it once the cell is out of view. */
export function place(popups: PopupsView): void {
  const pop = popups.element;
  const frame = popups.host.renderRoot.querySelector<HTMLElement>('.frame');
  const open = popups.current;
  if (!pop || !frame || !open) return;
  const a = popups.options.cellAt(open.at)?.getBoundingClientRect();
  const area = popups.options.visibleArea();
  const v = area?.viewport;
  if (!a || !v || !area || a.bottom <= v.top + area.headerHeight || a.top >= v.bottom || a.right <= v.left || a.left >= v.right) {
    popups.set(null);
    return;
  }
  placeBeside(a, pop, frame);
}

function listenersOf(popups: PopupsView) {
  return {
    enter: (): void => popups.keepTooltip(),

    keydown: (e: KeyboardEvent): void => {
      const pop = popups.element;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        popups.close(true);
        return;
      }
      if (!pop) return;
      const items = [...pop.querySelectorAll<HTMLElement>('button, a[href]')];
      if (!items.length) return;
      const root = popups.host.renderRoot as ShadowRoot;
      if (e.key === 'Tab') {
        // Focus stays in the popup until it is closed; Escape leaves.
        e.preventDefault();
        cycleFocus(items, root, e.shiftKey);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (!items.includes(root.activeElement as HTMLElement)) items[e.key === 'ArrowDown' ? items.length - 1 : 0].focus();
        cycleFocus(items, root, e.key === 'ArrowUp');
      }
    },

    click: (e: MouseEvent): void => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('[data-popover-action]');
      const pop = popups.current;
      if (!el || !pop) return;
      const action = el.dataset.popoverAction!;
      const {actions} = popups.options;
      if (action === 'delete' || isLifecycleAction(action)) {
        // Unavailable (offline): the reason is next to it, and the popup stays.
        if (el.getAttribute('aria-disabled') === 'true') return;
        // The confirmation takes over: the popup goes (once it can open) without moving focus.
        void startLifecycle(actions, action as LifecycleRequestAction, pop.org, {
          element: el,
          open: () => popups.current === pop && el.isConnected,
          close: () => {
            if (popups.current === pop) popups.set(null);
          },
        });
        return;
      }
      const taskId = el.dataset.taskId;
      let proceed = true;
      if (action === 'start-onboarding-task' && taskId) void startTask(actions, pop.org, taskId);
      else proceed = actions.rowAction(action as RowAction, pop.org, taskId);
      if (!proceed && el instanceof HTMLAnchorElement) e.preventDefault();
      // A followed link leaves the page; anything else returns focus to the cell.
      popups.close(!(el instanceof HTMLAnchorElement && proceed));
    },
  };
}
