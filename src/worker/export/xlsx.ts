/**
 * XLSX (SpreadsheetML in a zip), written here rather than through SheetJS: at 100,000 rows
 * SheetJS spent ~5.7 s of a 6.4 s export building cell objects, XML strings and deflating in
 * JavaScript. Here the sheet's XML is built one slice of rows at a time, encoded and handed to
 * the native deflater as it goes (`zip.ts`), so compressing overlaps the rows and a cancel is
 * seen between slices.
 *
 * Cells are typed by hand: a text is an inline string cell (`t="inlineStr"`, never a formula:
 * `=1+1` stays the literal text), a number a number cell, `null` no cell at all.
 */
import type {PlainValue} from '../../shared/columns.js';
import {ByteSink} from './byte-sink.js';
import {DeflatedEntry, deflateEntry, zip, type ZipEntry} from './zip.js';

/** Excel refuses longer cell texts. */
export const MAX_CELL_TEXT = 32767;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** `A`, `B`, … `Z`, `AA`, … for a 0-based column. */
export function columnName(c: number): string {
  let name = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// What XML text cannot hold as is: markup characters, and control characters (XML 1.0 forbids
// most; a raw CR would be read back as LF), written as Excel's `_xHHHH_`. A literal `_xHHHH_`
// in the text gets its `_` escaped the same way, so it reads back literally.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const ESCAPES = /[&<>\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g;
const ENTITIES: Readonly<Record<string, string>> = {'&': '&amp;', '<': '&lt;', '>': '&gt;'};
const escapeChar = (ch: string): string => ENTITIES[ch] ?? `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;

/**
 * Whether `text` may need escaping: a char scan, cheaper than a regex test per cell at a million
 * cells. `_` is only a candidate (the replace decides).
 */
function mayNeedEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch < 63 ? ch === 38 || ch === 60 || ch === 62 || (ch < 32 && ch !== 9 && ch !== 10) : ch === 95 || ch >= 0xfffe) return true;
  }
  return false;
}

/** Text as the content of an XML element in a sheet. */
export function xmlText(text: string): string {
  return mayNeedEscape(text) ? text.replace(ESCAPES, escapeChar) : text;
}

const escapeAttr = (text: string): string => xmlText(text).replace(/"/g, '&quot;');

/** Whitespace that a reader would drop at either end of a `<t>` unless told to keep it. */
const isSpace = (ch: number): boolean => ch <= 32 || (ch > 127 && /\s/.test(String.fromCharCode(ch)));

/** Text as Excel takes it: cut to its limit, never inside a surrogate pair. */
function cellText(value: string): string {
  if (value.length <= MAX_CELL_TEXT) return value;
  const text = value.slice(0, MAX_CELL_TEXT);
  return /[\ud800-\udbff]$/.test(text) ? text.slice(0, -1) : text;
}

/** The `<t>` start tag for `text`, keeping spaces at either end. */
const textOpen = (text: string): string => (text && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1))) ? '<t xml:space="preserve">' : '<t>');

/**
 * One cell's XML at `ref` (e.g. `B7`); empty for `null` (and non-finite numbers). The writer
 * writes the same as bytes; this is its specification in one string.
 */
export function xlsxCellXml(ref: string, value: PlainValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : '';
  const text = cellText(value);
  return `<c r="${ref}" t="inlineStr"><is>${textOpen(text)}${xmlText(text)}</t></is></c>`;
}

/**
 * Column width in Excel's units for a width in CSS pixels, as SheetJS computed it (maximum digit
 * width 6 px), so files keep the widths they had.
 */
export function excelWidth(px: number): number {
  const MDW = 6;
  const chars = Math.floor(((px - 5) / MDW) * 100 + 0.5) / 100;
  return Math.round(((chars * MDW + 5) / MDW) * 256) / 256;
}

const WORKBOOK_PARTS = (sheetName: string): [string, string][] => [
  [
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '</Types>',
  ],
  [
    '_rels/.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>',
  ],
  [
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      `<sheets><sheet name="${escapeAttr(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
      '</workbook>',
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      '</Relationships>',
  ],
  [
    'xl/styles.xml',
    // The minimum Excel expects: one font, the two reserved fills, one border, one format.
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>',
  ],
];

/**
 * Writes one sheet of `rows` rows (header included) by `widthsPx.length` columns: `addRow` per
 * row, `flush` after each slice (deflates what was added), then `finish` for the file's bytes.
 * `abort` drops it half-way.
 */
export class XlsxWriter {
  private readonly sheet = new DeflatedEntry('xl/worksheets/sheet1.xml');
  private readonly out = new ByteSink();
  private readonly refs: string[];
  private row = 0;

  constructor(
    private readonly name: string,
    rows: number,
    widthsPx: readonly number[],
  ) {
    const width = Math.max(1, widthsPx.length);
    this.refs = Array.from({length: width}, (_, c) => columnName(c));
    const last = `${this.refs[width - 1]}${Math.max(1, rows)}`;
    const cols = widthsPx.map((px, c) => `<col min="${c + 1}" max="${c + 1}" width="${excelWidth(px)}" customWidth="1"/>`).join('');
    this.out.text(
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        `<dimension ref="A1:${last}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`,
    );
  }

  /** Writes the row's XML as bytes directly (what `xlsxCellXml` gives as a string, per cell). */
  addRow(values: readonly PlainValue[]): void {
    const out = this.out;
    const r = String(++this.row);
    out.text('<row r="');
    out.text(r);
    out.text('">');
    for (let c = 0; c < values.length; c++) {
      const value = values[c];
      if (value === null) continue;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) continue;
        out.text('<c r="');
        out.text(this.refs[c]);
        out.text(r);
        out.text('"><v>');
        out.text(String(value));
        out.text('</v></c>');
      } else {
        out.text('<c r="');
        out.text(this.refs[c]);
        out.text(r);
        const text = cellText(value);
        out.text('" t="inlineStr"><is>');
        out.text(textOpen(text));
        out.text(xmlText(text));
        out.text('</t></is></c>');
      }
    }
    out.text('</row>');
  }

  /** Deflates the rows added since the last flush. */
  async flush(): Promise<void> {
    if (this.out.length) await this.sheet.write(this.out.take());
  }

  async finish(): Promise<ArrayBuffer> {
    this.out.text('</sheetData></worksheet>');
    await this.flush();
    const entries: ZipEntry[] = [];
    for (const [name, text] of WORKBOOK_PARTS(this.name)) entries.push(await deflateEntry(name, text));
    entries.splice(3, 0, await this.sheet.close());
    return zip(entries);
  }

  abort(): void {
    this.sheet.abort();
  }
}
