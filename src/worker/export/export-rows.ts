/**
 * An export, format aside: which columns (with what headers), which rows, in slices that report
 * progress, honour cancellation and let other worker messages through. The data plane supplies
 * the rows; this module knows nothing of views or datasets, so tests can drive it directly.
 */
import {COLUMN_BY_KEY, type ColumnKey, type CurrencyMode, type PlainValue} from '../../shared/columns.js';
import {misuse, TenantryError, throwIfAborted} from '../../shared/contract/errors.js';
import type {ExportFile, ExportProgress, ExportRequest} from '../../shared/protocol.js';
import type {OrgRow} from '../../shared/query.js';
import {CsvWriter} from './csv.js';
import {exportFileName, sheetName} from './file-name.js';
import {XlsxWriter} from './xlsx.js';
import {yieldToQueue} from '../yield.js';

/** Rows per slice: progress is reported, and cancellation checked, this often. */
export const EXPORT_SLICE = 5000;
const CURRENCY_WIDTH = 90;

export const MIME_TYPES = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The rows to write, in order. */
export interface ExportSource {
  readonly count: number;
  row(k: number): OrgRow;
}

/** One column of the file: a grid column, or the currency column that follows the cost. */
export interface ExportColumn {
  label: string;
  /** Width in CSS pixels (the grid's), for the XLSX sheet. */
  width: number;
  value(row: OrgRow): PlainValue;
}

/**
 * The file's columns for the requested keys, in their order. Keys that are unknown or not
 * exportable (actions) are skipped, as are repeats. Money says its currency: in the header in
 * USD mode, in a column of its own in original mode (rows may differ in currency).
 */
export function exportColumns(keys: readonly ColumnKey[], currency: CurrencyMode): ExportColumn[] {
  const out: ExportColumn[] = [];
  const seen = new Set<ColumnKey>();
  const ctx = {currency};
  for (const key of keys) {
    const def = COLUMN_BY_KEY.get(key);
    if (!def || !def.exportable || seen.has(key)) continue;
    seen.add(key);
    const value = (row: OrgRow): PlainValue => def.value(row, ctx);
    if (key !== 'projectedAnnualCost') {
      out.push({label: def.label, width: def.width, value});
    } else if (currency === 'usd') {
      out.push({label: `${def.label} (USD)`, width: def.width, value});
    } else {
      out.push({label: def.label, width: def.width, value});
      out.push({label: 'Currency', width: CURRENCY_WIDTH, value: (row) => row.org.projectedAnnualCost?.currency ?? null});
    }
  }
  return out;
}

/**
 * Writes the rows to a file. Progress is reported after each slice but the last, then once with
 * `done === total` when the file is ready. Each slice is encoded (and for XLSX deflated) before
 * the next, so the work is spread over the slices. Rejects with `aborted` as soon as a slice
 * boundary sees the signal fired.
 */
export async function writeExport(
  source: ExportSource,
  request: ExportRequest,
  signal: AbortSignal,
  onProgress: (progress: ExportProgress) => void,
  now: Date = new Date(),
): Promise<ExportFile> {
  if (request.format !== 'csv' && request.format !== 'xlsx') throw misuse('invalid-request', 'Exports are CSV or XLSX.');
  const columns = exportColumns(request.columns, request.currency);
  if (!columns.length) throw new TenantryError('invalid-request', 'Nothing to export: no exportable column was chosen.', {reason: {id: 'export.no-columns', params: {}}});
  const total = source.count;
  const report = (done: number): void => {
    try {
      // Across comlink this returns a promise; a page that went away must not leave a rejection.
      void Promise.resolve(onProgress({done, total})).catch(() => undefined);
    } catch {
      // A throwing listener must not fail the export.
    }
  };
  throwIfAborted(signal, 'The export');

  const file =
    request.format === 'xlsx'
      ? new XlsxWriter(
          sheetName(request.scopeName),
          total + 1,
          columns.map((c) => c.width),
        )
      : // ~12 bytes a cell is what the grid's columns average (names and dates are longer, counts shorter).
        new CsvWriter((total + 1) * columns.length * 12);
  try {
    file.addRow(columns.map((c) => c.label));
    // The writers copy what they keep, so one values array serves every row.
    const values: PlainValue[] = new Array(columns.length);
    for (let start = 0; start < total; start += EXPORT_SLICE) {
      const end = Math.min(total, start + EXPORT_SLICE);
      for (let k = start; k < end; k++) {
        const row = source.row(k);
        for (let c = 0; c < columns.length; c++) values[c] = columns[c].value(row);
        file.addRow(values);
      }
      await file.flush();
      if (end < total) report(end);
      await yieldToQueue();
      throwIfAborted(signal, 'The export');
    }
    const data = await file.finish();
    throwIfAborted(signal, 'The export');
    report(total);
    return {fileName: exportFileName(request.scopeName, request.format, now), mimeType: MIME_TYPES[request.format], data, rows: total};
  } catch (e) {
    if (file instanceof XlsxWriter) file.abort();
    throw e;
  }
}
