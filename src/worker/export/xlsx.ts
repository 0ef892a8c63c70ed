/**
 * XLSX through SheetJS (`@e965/xlsx`), loaded only when an XLSX export starts: it is ~1 MB of
 * code that neither the grid nor a CSV export needs.
 *
 * Cells are built by hand rather than guessed from values, so a text is always a text cell
 * (type `s`, never a formula: `=1+1` stays the literal text), a number a number cell (`n`), and
 * `null` no cell at all. The sheet is dense (`!data`), which halves the write time at 100,000 rows.
 */
import type {CellObject, ColInfo, WorkSheet} from '@e965/xlsx';
import type {PlainValue} from '../../columns/organization-columns.js';

type Xlsx = typeof import('@e965/xlsx');

let loading: Promise<Xlsx> | null = null;

/** The SheetJS module, imported once per worker on first use. */
export function loadXlsx(): Promise<Xlsx> {
  loading ??= import('@e965/xlsx').catch((e: unknown) => {
    // A failed load (e.g. offline after a deploy) may succeed on the next try.
    loading = null;
    throw e;
  });
  return loading;
}

/** Excel refuses longer cell texts; SheetJS throws on them. */
const MAX_CELL_TEXT = 32767;

/** A typed cell for a plain value; `undefined` leaves the cell empty. */
export function xlsxCell(value: PlainValue): CellObject | undefined {
  if (value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? {t: 'n', v: value} : undefined;
  return {t: 's', v: value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value};
}

/** Builds the sheet row by row (in slices, by the caller), then writes the workbook. */
export class XlsxSheetBuilder {
  private readonly data: (CellObject | undefined)[][] = [];
  private width = 0;

  addRow(values: readonly PlainValue[]): void {
    const row: (CellObject | undefined)[] = new Array(values.length);
    for (let c = 0; c < values.length; c++) row[c] = xlsxCell(values[c]);
    this.data.push(row);
    if (values.length > this.width) this.width = values.length;
  }

  /**
   * The `.xlsx` bytes: one sheet named `name`, columns `widthsPx` wide (the grid's widths).
   * `compression: true` because the file is otherwise ~5× larger for the same write time.
   */
  write(xlsx: Xlsx, name: string, widthsPx: readonly number[]): ArrayBuffer {
    const rows = Math.max(1, this.data.length);
    const sheet: WorkSheet = {
      // Rows hold `undefined` for empty cells: SheetJS skips them, its types just do not say so.
      '!data': this.data as CellObject[][],
      '!ref': xlsx.utils.encode_range({s: {r: 0, c: 0}, e: {r: rows - 1, c: Math.max(0, this.width - 1)}}),
      '!cols': widthsPx.map((wpx): ColInfo => ({wpx})),
    };
    const book = xlsx.utils.book_new();
    xlsx.utils.book_append_sheet(book, sheet, name);
    return xlsx.write(book, {type: 'array', bookType: 'xlsx', compression: true}) as ArrayBuffer;
  }
}
