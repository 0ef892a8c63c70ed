/**
 * CSV as RFC 4180 writes it (CRLF line ends, fields quoted when they hold `"`, `,`, CR or LF),
 * in UTF-8 with a byte-order mark so Excel reads accents right, and safe to open in a
 * spreadsheet: text that a spreadsheet would run as a formula is neutralised.
 */
import type {PlainValue} from '../../columns/organization-columns.js';

/**
 * First characters that make a spreadsheet read a text cell as a formula (or that some strip
 * before doing so): `=`, `+`, `-`, `@`, tab, CR. OWASP's CSV-injection advice.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A text cell that could run as a formula, made inert with a leading `'` (spreadsheets show the
 * text; the apostrophe is the conventional "this is text" mark). Other text is returned as is.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field. Numbers are written as numbers (a negative number stays `-5`); `null` is empty. */
export function csvField(value: PlainValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, without its line end. */
export function csvLine(values: readonly PlainValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? ',' : '') + csvField(values[i]);
  return line;
}

/**
 * The file's bytes: the records joined once with CRLF (a final CRLF too), after a BOM, encoded
 * once. One join of a string array is far cheaper than growing one string per row.
 */
export function encodeCsv(lines: readonly string[]): ArrayBuffer {
  const bytes = new TextEncoder().encode('\ufeff' + lines.join('\r\n') + '\r\n');
  // The buffer is transferred whole to the page: it must hold exactly the file, nothing around it.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}

/** A whole CSV file from rows of plain values (the first row is the header). */
export function toCsv(rows: readonly (readonly PlainValue[])[]): ArrayBuffer {
  return encodeCsv(rows.map(csvLine));
}
