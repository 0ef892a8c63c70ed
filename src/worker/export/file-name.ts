/**
 * Names of what an export produces: the file (`organizations-<scope>-<date>.<ext>`) and the XLSX
 * sheet. Pure functions, so they are tested without a worker.
 */

const MARKS = /[\u0300-\u036f]/g;
const MAX_SLUG = 60;
const MAX_SHEET_NAME = 31;
/** Characters Excel refuses in a sheet name, plus control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const SHEET_FORBIDDEN = /[[\]:*?/\\\u0000-\u001f\u007f]/g;

/** A scope name as a file-name part: lower-case ASCII letters, digits and single dashes; never empty. */
export function scopeSlug(scopeName: string): string {
  const slug = scopeName
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    // Cutting at 60 may leave a dash at the end.
    .replace(/-+$/, '');
  return slug || 'tenant';
}

/** `YYYY-MM-DD` of the local calendar day: the day the user sees on their clock. */
export function localDate(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** e.g. `organizations-northgate-distribution-2026-11-24.xlsx`. */
export function exportFileName(scopeName: string, extension: 'csv' | 'xlsx', at: Date = new Date()): string {
  return `organizations-${scopeSlug(scopeName)}-${localDate(at)}.${extension}`;
}

/**
 * A sheet name Excel (and SheetJS's check) accepts: at most 31 characters, none of `[]:*?/\`,
 * no apostrophe at either end, not the reserved `History`, not blank.
 */
export function sheetName(scopeName: string): string {
  let name = '';
  // By code point, so an emoji is never cut in half at the limit.
  for (const ch of scopeName.replace(SHEET_FORBIDDEN, ' ').replace(/\s+/g, ' ').trim()) {
    if (name.length + ch.length > MAX_SHEET_NAME) break;
    name += ch;
  }
  name = name.replace(/^[\s']+|[\s']+$/g, '');
  return !name || name.toLowerCase() === 'history' ? 'Organizations' : name;
}
