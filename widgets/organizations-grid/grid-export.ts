/**
 * The grid's export: one file at a time, written in the data worker (CSV or Excel) with progress
 * and cancel, then saved. It owns the job, the "all rows and columns" choice and the last failure,
 * and renders the toolbar's buttons and the notices that belong to them.
 */
import {msg, str} from '@lit/localize';
import {errorText} from '../../src/page/messages.js';
import {formatInteger, plural} from '../../src/page/format.js';
import {html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import type {DataClient} from '../../src/page/data-client.js';
import {saveFile} from '../../src/page/platform/download.js';
import {isAbort} from '../../src/shared/contract/errors.js';
import type {ExportRequest, ResultState} from '../../src/shared/protocol.js';

interface ExportJob {
  format: ExportRequest['format'];
  done: number;
  total: number;
  controller: AbortController;
}

export class GridExport implements ReactiveController {
  private job: ExportJob | null = null;
  private all = false;
  private error: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Says a message in the grid's live region. */
    private readonly announce: (message: string) => void,
  ) {
    host.addController(this);
  }

  /** Whether the user asked for every row and column instead of the view. */
  get everything(): boolean {
    return this.all;
  }

  /**
   * Exports `view` through `client`: `request` says which columns (the view's, or all when
   * `everything`), currency and scope name. Nothing happens while another export runs.
   */
  async run(client: DataClient, view: ResultState, request: Omit<ExportRequest, 'rows'>): Promise<void> {
    if (this.job) return;
    const controller = new AbortController();
    const job: ExportJob = {format: request.format, done: 0, total: view.total, controller};
    this.set({job, error: null});
    try {
      const file = await client.exportView(
        view.viewId,
        {...request, rows: this.all ? 'all' : 'view'},
        {
          signal: controller.signal,
          onProgress: (p) => {
            if (this.job === job) this.set({job: {...job, done: p.done, total: p.total}});
          },
        },
      );
      if (controller.signal.aborted) return;
      saveFile(file);
      this.announce(plural(file.rows, {one: (c) => msg(str`Exported ${c} organization to ${file.fileName}`), other: (c) => msg(str`Exported ${c} organizations to ${file.fileName}`)}));
    } catch (e) {
      if (!isAbort(e) && !controller.signal.aborted) this.set({error: errorText(e, () => msg('The export failed.'))});
    } finally {
      // `run` awaited: another job may have started since (TS narrowed `job` before the await).
      if ((this.job as ExportJob | null)?.controller === controller) this.set({job: null});
    }
  }

  /** The user's Cancel. */
  cancel(): void {
    this.abort();
    this.announce(msg('Export cancelled'));
  }

  /** Ends a running export silently (the view or scope it belongs to is gone). */
  abort(): void {
    this.job?.controller.abort();
    if (this.job) this.set({job: null});
  }

  hostDisconnected(): void {
    this.abort();
  }

  /** The toolbar's Excel and CSV buttons and the "All rows and columns" choice. */
  renderButtons(view: ResultState | null, run: (format: ExportRequest['format']) => void): TemplateResult {
    const busy = !view || Boolean(this.job);
    return html`<div class="group export">
      <button type="button" part="export-button" ?disabled=${busy} @click=${() => run('xlsx')}>${msg('Export Excel')}</button>
      <button type="button" part="export-button" ?disabled=${busy} @click=${() => run('csv')}>${msg('Export CSV')}</button>
      <label><input type="checkbox" .checked=${this.all} @change=${(e: Event) => (this.all = (e.target as HTMLInputElement).checked)} />${msg('All rows and columns')}</label>
    </div>`;
  }

  /** The progress of a running export and the last failure, for the grid's notices. */
  renderNotices(): unknown[] {
    const job = this.job;
    return [
      job
        ? html`<div class="notice" part="notice export-progress">
            <label>${job.format === 'xlsx' ? msg('Exporting Excel…') : msg('Exporting CSV…')} <progress max=${Math.max(1, job.total)} .value=${job.done}></progress></label>
            <span class="num">${msg(str`${formatInteger(job.done)} of ${formatInteger(job.total)}`)}</span>
            <button type="button" @click=${() => this.cancel()}>${msg('Cancel')}</button>
          </div>`
        : nothing,
      this.error
        ? html`<p class="notice" part="notice" data-tone="danger" role="alert">${msg(str`Export failed: ${this.error}`)} <button type="button" @click=${() => this.set({error: null})}>${msg('Dismiss')}</button></p>`
        : nothing,
    ];
  }

  private set(change: {job?: ExportJob | null; error?: string | null}): void {
    if (change.job !== undefined) this.job = change.job;
    if (change.error !== undefined) this.error = change.error;
    this.host.requestUpdate();
  }
}
