/**
 * What every control of the organizations grid's toolbar (filters, column chooser, saved views)
 * needs from the page, in one controller: its data client (`ClientController`), the tenant it acts
 * in (`ScopeController`: its own `scope-tenant-id`, else the provided scope, else the page's
 * acting scope) and the grid view it shows a part of (`GridViewController`: its `for` grid, else
 * the grid it sits in, else none, and it works alone from its own properties).
 */
import type {ReactiveControllerHost} from 'lit';
import type {Scope} from '../../shared/contract/backend.js';
import type {GridViewState} from '../../shared/grid-view.js';
import type {DataClient} from '../data-client.js';
import type {GridViewSource, GridViewStore} from '../grid-view-store.js';
import {ClientController} from './client-controller.js';
import {GridViewController} from './grid-view-controller.js';
import {ScopeController} from './scope-controller.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface GridControlOptions<C> {
  /** The control's own `client` property. */
  client: () => C | null | undefined;
  /** The control's own `scope-tenant-id`: a fixed tenant that wins over the page's. */
  scopeTenantId: () => string | null | undefined;
  /** The control's `for` attribute: the id of the grid it belongs to. */
  for: () => string | null | undefined;
}

export class GridControl<C extends object = DataClient> {
  private readonly clients: ClientController<C>;
  private readonly scoping: ScopeController;
  private readonly view: GridViewController;
  private fixed: Scope | null = null;

  constructor(host: Host, options: GridControlOptions<C>) {
    this.clients = new ClientController<C>(host, {own: options.client});
    this.scoping = new ScopeController(host, {
      client: () => this.clients.dataClient,
      scope: () => {
        const id = options.scopeTenantId();
        // The same object while the id is the same: the scope controller compares by identity.
        if (!id) return (this.fixed = null);
        if (this.fixed?.tenantId !== id) this.fixed = {tenantId: id};
        return this.fixed;
      },
    });
    this.view = new GridViewController(host, options.for);
  }

  /** The client in use, or `null` when the control has none. */
  get client(): C | DataClient | null {
    return this.clients.value;
  }

  /** The tenant the control acts in; `''` until known. */
  get tenantId(): string {
    return this.scoping.scope?.tenantId ?? '';
  }

  /** The grid view the control is bound to; `null` when it works alone. */
  get store(): GridViewStore | null {
    return this.view.store;
  }

  /** Writes the user's change to the bound grid view, if any. */
  update(patch: Partial<GridViewState>, source: GridViewSource = 'user'): void {
    this.view.store?.update(patch, source);
  }
}
