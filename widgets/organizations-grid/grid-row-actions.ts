/**
 * What the grid does itself when a popup's item asks for more than a link: starts an onboarding
 * task, and has a lifecycle move or delete confirmed and carried out by
 * `<tenantry-lifecycle-dialog>`. The host hears of each first (`tenantry-row-action`) and may take
 * it over. Loaded with the popups (`grid-popover-frame.ts`): an item is only there once they are.
 */
import {msg, str} from '@lit/localize';
import type {DataClient} from '../../src/page/data-client.js';
import {errorText} from '../../src/page/messages.js';
import type {LifecycleRequestAction, LifecycleScope} from '../../src/page/kit/lifecycle-controller.js';
import {lifecycleDone} from '../../src/shared/model/labels.js';
import type {Organization, OrganizationSummary} from '../../src/shared/model/types.js';
import type {TenantryLifecycleDialog} from '../lifecycle-dialog/lifecycle-dialog.js';
import type {RowView} from '../../src/page/links.js';
import {lazyModule} from '../../src/page/kit/lazy-module.js';

/**
 * A row action. The lifecycle ones (`suspend`, `resume`, `disable`, `enable`, `archive`, `delete`)
 * the grid carries out itself unless the host takes them over (`preventDefault()`); the rest are
 * the host's to route.
 */
export type RowAction = RowView | 'summary' | LifecycleRequestAction | 'view-contracts' | 'start-onboarding-task';

/** What the row actions need of the grid. */
export interface RowActionsHost {
  /** Emits `tenantry-row-action`; `false` if the host took the action over (`preventDefault()`). */
  rowAction(action: RowAction, org: OrganizationSummary, taskId?: string): boolean;
  /** The client the rows were read with, and their tenant scope. */
  rowsClient(): DataClient | null;
  scopeTenantId(): string | null;
  /** The client the confirmation dialog writes through. */
  dataClient(): DataClient | null;
  /** The acting tenant's name for people. */
  scopeName(): string;
  /** Why a write cannot be sent now; `null` when it can. */
  offlineReason(): string | null;
  /** An organization's detail, if read. */
  detail(id: string): Organization | null | undefined;
  /** Says something in the grid's live region. */
  announce(message: string): void;
  /** Focus goes to the active cell after the next render. */
  focusCell(): void;
  /** The grid's confirmation dialog, rendered (once its module has loaded). */
  dialog(): Promise<TenantryLifecycleDialog | null>;
}

type LifecycleDialogModule = typeof import('../lifecycle-dialog/lifecycle-dialog.js');
const lifecycleDialogCode = lazyModule<LifecycleDialogModule>(() => import('../lifecycle-dialog/lifecycle-dialog.js'));
/** The confirmation dialog loads when a menu that offers a move is shown, or at the move. */
export const loadLifecycleDialog = lifecycleDialogCode.load;

/** The Actions popup's item that was chosen, while the confirmation's code is on its way. */
export interface ChosenItem {
  /** The item's button (it says it is busy meanwhile). */
  element: HTMLElement;
  /** Whether the popup is still open on it (Escape or a press outside gives the move up). */
  open(): boolean;
  /** Closes the popup without moving focus: the confirmation takes over. */
  close(): void;
}

/**
 * Start on an onboarding task: the host hears of it first and may take it over; otherwise the
 * grid starts it through the write path (with the row's version), in the tenant shown now, and
 * says how it went. The popup shows the task's new state with the row's next version.
 */
export async function startTask(host: RowActionsHost, org: OrganizationSummary, taskId: string): Promise<void> {
  if (!host.rowAction('start-onboarding-task', org, taskId)) return;
  const client = host.rowsClient();
  const tenantId = host.scopeTenantId();
  if (!client || !tenantId) return;
  const offline = host.offlineReason();
  if (offline) return host.announce(offline);
  const title = host.detail(org.id)?.onboardingTasks.find((t) => t.id === taskId)?.title ?? msg('The task');
  try {
    await client.startOnboardingTask({tenantId}, org.id, taskId, `"${org.version}"`);
    host.announce(msg(str`${title} started for ${org.name}.`));
  } catch (e) {
    host.announce(msg(str`${title} was not started: ${errorText(e)}`));
  }
}

/**
 * A lifecycle item chosen: the host hears of it first and may take it over; otherwise the
 * confirmation dialog asks, in the tenant shown now, and carries it out. Should its code not have
 * arrived yet (it loads when the menu shows), the popup stays open with the item busy until it
 * has; if it cannot be loaded the popup stays, saying so.
 */
export async function startLifecycle(host: RowActionsHost, action: LifecycleRequestAction, org: OrganizationSummary, item: ChosenItem): Promise<void> {
  if (item.element.getAttribute('aria-busy') === 'true') return;
  const proceed = host.rowAction(action, org);
  const tenantId = host.scopeTenantId();
  const scope: LifecycleScope | null = proceed && tenantId && host.dataClient() ? {tenantId, name: host.scopeName()} : null;
  if (scope && !lifecycleDialogCode.value) {
    item.element.setAttribute('aria-busy', 'true');
    host.announce(msg('Loading…'));
    try {
      await loadLifecycleDialog();
    } catch {
      host.announce(msg('The confirmation could not be loaded; try again.'));
      return;
    } finally {
      item.element.removeAttribute('aria-busy');
    }
    if (!item.open()) return;
  }
  item.close();
  // Focus goes back to the cell: the dialog returns it there when it closes.
  host.focusCell();
  if (!scope) return;
  const dialog = await host.dialog();
  if (!dialog) return;
  const outcome = await dialog.ask({org, action, scope});
  host.focusCell();
  if (outcome) host.announce(lifecycleDone(outcome.action, outcome.organizationName));
}
