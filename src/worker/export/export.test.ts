/**
 * Exports: the CSV writer and the names as pure functions, then whole exports through a real
 * `DataClient` and data worker on the embedded backend, read back as a spreadsheet would.
 */
import {expect} from '@open-wc/testing';
import {read, type CellObject, type WorkBook} from '@e965/xlsx';
import {DEMO_TENANTS, DEMO_USERS} from '../../shared/demo-tenant.js';
import type {LocalBackendConfig} from '../../shared/contract/backend.js';
import {DataClient} from '../../page/data-client.js';
import {COLUMN_BY_KEY, type ColumnKey, type PlainValue} from '../../shared/columns.js';
import {saveFile} from '../../page/platform/download.js';
import type {ExportProgress, ExportRequest, ExportedFile} from '../../shared/protocol.js';
import type {OrgQuery, OrgRow} from '../../shared/query.js';
import {csvField, csvLine, neutraliseFormula, toCsv} from './csv.js';
import {EXPORT_SLICE, exportColumns, writeExport, type ExportSource} from './export-rows.js';
import {exportFileName, localDate, scopeSlug, sheetName} from './file-name.js';
import {MAX_CELL_TEXT, columnName, excelWidth, xlsxCellXml, xmlText} from './xlsx.js';
import {rejectsWith} from '../../testing/expect-error.js';

// ---------------------------------------------------------------------------------------------
// Helpers

/** RFC 4180 reader: the test's independent view of what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      expect(ch, `bare ${JSON.stringify(ch)} outside quotes at ${i}`).not.to.be.oneOf(['\r', '\n', '"']);
      field += ch;
    }
  }
  expect(quoted, 'unterminated quoted field').to.equal(false);
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

function decodeCsv(data: ArrayBuffer): string {
  const bytes = new Uint8Array(data);
  expect([...bytes.slice(0, 3)], 'UTF-8 BOM').to.deep.equal([0xef, 0xbb, 0xbf]);
  // `ignoreBOM` keeps the mark in the text, so the test sees exactly what was written.
  const text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(bytes);
  return text.slice(1);
}

/** What a cell should read after the CSV round trip: text neutralised, numbers as written. */
const csvText = (v: PlainValue): string => (v === null ? '' : typeof v === 'number' ? String(v) : neutraliseFormula(v));

const HOSTILE: readonly string[] = [
  '=HYPERLINK("http://x")',
  '+1',
  '-2',
  '@SUM(A1)',
  '\tleading tab',
  '\rleading CR',
  'say "hi", then\r\nleave',
  'a,b',
  'line\nbreak',
  '<img src=x onerror=alert(1)>',
  'abc\u202Egnp.exe',
  'zero\u200bwidth\u200d\ufeff',
  'x'.repeat(500),
  'emoji 👩‍💻 🇫🇷 done',
  'Zoë Ångström-Çelik',
  '',
];

function fakeRow(name: string, extra: Partial<OrgRow['org']> = {}): OrgRow {
  const org = {
    id: `o-${name.length}`,
    name,
    kind: 'customer',
    plan: null,
    status: 'active',
    projectedAnnualCost: {amount: -5, currency: 'EUR'},
    savingsPercent: 12.5,
    secureScore: null,
    readerCount: 3,
    activeTaskCount: 0,
    ...extra,
  } as unknown as OrgRow['org']; // a partial record: only the fields the exported columns read
  return {org, sourceDataRollup: 'success', costUsd: -5.43, parentName: null, onboardingProgress: null, depth: 0, hasChildren: false, expanded: false, matched: true, accountIndex: null};
}

function fakeSource(rows: readonly OrgRow[]): ExportSource {
  return {count: rows.length, row: (k) => rows[k]};
}

const request = (over: Partial<ExportRequest> = {}): ExportRequest => ({
  format: 'csv',
  columns: ['name', 'status', 'projectedAnnualCost', 'readers'],
  rows: 'view',
  currency: 'usd',
  scopeName: 'Northgate Distribution',
  ...over,
});

function sheetCells(book: WorkBook): (CellObject | undefined)[][] {
  const sheet = book.Sheets[book.SheetNames[0]];
  const data = sheet['!data'];
  expect(data, 'read back in dense mode').to.be.an('array');
  return data as (CellObject | undefined)[][];
}

// ---------------------------------------------------------------------------------------------
// Pure functions

describe('CSV writer', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).to.equal('\'=HYPERLINK("http://x")');
    expect(neutraliseFormula('+1')).to.equal("'+1");
    expect(neutraliseFormula('-2')).to.equal("'-2");
    expect(neutraliseFormula('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(neutraliseFormula('\tx')).to.equal("'\tx");
    expect(neutraliseFormula('\rx')).to.equal("'\rx");
    // Only the first character matters; ordinary text is untouched.
    for (const safe of ['a=b', 'Zoë', ' =1', '1-2', '', '<img src=x onerror=alert(1)>']) expect(neutraliseFormula(safe)).to.equal(safe);
  });

  it('quotes fields with quotes, commas, CR or LF, doubling the quotes', () => {
    expect(csvField('plain')).to.equal('plain');
    expect(csvField('a,b')).to.equal('"a,b"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(csvField('a\nb')).to.equal('"a\nb"');
    expect(csvField('a\rb')).to.equal('"a\rb"');
    // Neutralised first, then quoted: the quote wraps the apostrophe too.
    expect(csvField('=HYPERLINK("http://x")')).to.equal('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('\rleading CR')).to.equal('"\'\rleading CR"');
  });

  it('writes numbers as numbers (a negative number is not text) and null as empty', () => {
    expect(csvField(-5)).to.equal('-5');
    expect(csvField(0)).to.equal('0');
    expect(csvField(1234.56)).to.equal('1234.56');
    expect(csvField(Number.NaN)).to.equal('');
    expect(csvField(null)).to.equal('');
    expect(csvLine(['-5', -5, null, 'x'])).to.equal("'-5,-5,,x");
  });

  it('round-trips hostile values: BOM, CRLF records, one field per value, nothing lost but the neutralising mark', () => {
    const rows: PlainValue[][] = [['Name', 'Number', 'Empty'], ...HOSTILE.map((h, i): PlainValue[] => [h, i % 2 ? -i : i, null])];
    const text = decodeCsv(toCsv(rows));
    expect(text.endsWith('\r\n')).to.equal(true);
    const parsed = parseCsv(text);
    expect(parsed).to.have.length(rows.length);
    parsed.forEach((fields, r) => expect(fields, `row ${r}`).to.deep.equal(rows[r].map(csvText)));
    // Every hostile text came back whole (after its mark, where it got one).
    HOSTILE.forEach((h, i) => expect(parsed[i + 1][0].replace(/^'(?=[=+\-@\t\r])/, '')).to.equal(h));
  });

  it('gives a buffer holding exactly the file (it is transferred whole)', () => {
    const data = toCsv([['é']]);
    expect(data.byteLength).to.equal(3 + 2 + 2);
  });
});

describe('export names', () => {
  it('slugs the scope: lower-case ASCII, accents stripped, dashes collapsed and trimmed', () => {
    expect(scopeSlug('Northgate Distribution')).to.equal('northgate-distribution');
    expect(scopeSlug('  Zoë & Ångström — Çelik GmbH!! ')).to.equal('zoe-angstrom-celik-gmbh');
    expect(scopeSlug('Kettle & Key Technology')).to.equal('kettle-key-technology');
    expect(scopeSlug('../../etc/passwd')).to.equal('etc-passwd');
    expect(scopeSlug('<img src=x onerror=alert(1)>')).to.equal('img-src-x-onerror-alert-1');
    expect(scopeSlug('abc\u202Egnp.exe')).to.equal('abc-gnp-exe');
    expect(scopeSlug('zero\u200bwidth')).to.equal('zero-width');
  });

  it('never gives an empty or over-long slug', () => {
    for (const empty of ['', '   ', '👩‍💻🇫🇷', '日本語', '=+-@', '\u200b\u202e']) expect(scopeSlug(empty), JSON.stringify(empty)).to.equal('tenant');
    const long = scopeSlug('word '.repeat(100));
    expect(long.length).to.be.at.most(60);
    expect(long).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(scopeSlug('x'.repeat(500))).to.equal('x'.repeat(60));
  });

  it('names the file after the scope and the local date', () => {
    const at = new Date(2026, 10, 24, 23, 59);
    expect(localDate(at)).to.equal('2026-11-24');
    expect(exportFileName('Northgate Distribution', 'xlsx', at)).to.equal('organizations-northgate-distribution-2026-11-24.xlsx');
    expect(exportFileName('', 'csv', new Date(2027, 0, 5, 0, 1))).to.equal('organizations-tenant-2027-01-05.csv');
  });

  it('makes a sheet name Excel accepts', () => {
    expect(sheetName('Northgate Distribution')).to.equal('Northgate Distribution');
    expect(sheetName('a[b]c:d*e?f/g\\h')).to.equal('a b c d e f g h');
    expect(sheetName("'quoted'")).to.equal('quoted');
    expect(sheetName('history')).to.equal('Organizations');
    expect(sheetName('')).to.equal('Organizations');
    expect(sheetName('[]:*?/\\')).to.equal('Organizations');
    const long = sheetName('👩‍💻'.repeat(20));
    expect(long.length).to.be.at.most(31);
    // Cut between code points, never inside a surrogate pair.
    expect(long).not.to.match(/[\ud800-\udbff]$/);
    expect(sheetName('x'.repeat(500))).to.have.length(31);
  });
});

describe('export columns', () => {
  it('skips unknown, non-exportable and repeated keys', () => {
    const keys = ['name', 'actions', 'nope', 'name', 'status'] as unknown as ColumnKey[]; // a crafted request
    expect(exportColumns(keys, 'usd').map((c) => c.label)).to.deep.equal(['Name', 'Status']);
  });

  it('says the currency: in the header for USD, in a column of its own for original amounts', () => {
    const usd = exportColumns(['name', 'projectedAnnualCost'], 'usd');
    expect(usd.map((c) => c.label)).to.deep.equal(['Name', 'Projected annual cost (USD)']);
    expect(usd[1].value(fakeRow('x'))).to.equal(-5.43);
    const original = exportColumns(['projectedAnnualCost', 'name'], 'original');
    expect(original.map((c) => c.label)).to.deep.equal(['Projected annual cost', 'Currency', 'Name']);
    expect(original.map((c) => c.value(fakeRow('x')))).to.deep.equal([-5, 'EUR', 'x']);
    expect(original[1].value(fakeRow('x', {projectedAnnualCost: null}))).to.equal(null);
  });

  it('types XLSX cells: text is an inline string cell (never a formula), numbers are numbers, null is no cell', () => {
    expect(xlsxCellXml('A2', '=1+1')).to.equal('<c r="A2" t="inlineStr"><is><t>=1+1</t></is></c>');
    expect(xlsxCellXml('B2', -5)).to.equal('<c r="B2"><v>-5</v></c>');
    expect(xlsxCellXml('C2', null)).to.equal('');
    expect(xlsxCellXml('C2', Number.POSITIVE_INFINITY)).to.equal('');
    expect(xlsxCellXml('D2', ' padded ')).to.equal('<c r="D2" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c>');
    expect(xmlText('<b>&amp;</b>')).to.equal('&lt;b&gt;&amp;amp;&lt;/b&gt;');
    // Control characters as Excel writes them; a literal escape sequence keeps its meaning.
    expect(xmlText('a\rb\u0001c\td\ne')).to.equal('a_x000D_b_x0001_c\td\ne');
    expect(xmlText('_x000D_')).to.equal('_x005F_x000D_');
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).to.deep.equal(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(excelWidth(260)).to.be.closeTo(43.33, 0.01);
    // Over Excel's limit: cut, and never inside a surrogate pair.
    expect(xlsxCellXml('A1', 'x'.repeat(40_000))).to.have.length(MAX_CELL_TEXT + '<c r="A1" t="inlineStr"><is><t></t></is></c>'.length);
    expect(xlsxCellXml('A1', 'x'.repeat(MAX_CELL_TEXT - 1) + '👩')).to.not.match(/[\ud800-\udbff]</);
  });
});

describe('writeExport (no worker)', () => {
  const rows = Array.from({length: 12_345}, (_, i) => fakeRow(`Org ${i}`));

  it('reports progress per slice and ends at the total', async () => {
    const seen: ExportProgress[] = [];
    const file = await writeExport(fakeSource(rows), request(), new AbortController().signal, (p) => seen.push(p), new Date(2026, 0, 2));
    expect(file).to.include({rows: rows.length, fileName: 'organizations-northgate-distribution-2026-01-02.csv', mimeType: 'text/csv;charset=utf-8'});
    expect(seen.map((p) => p.done)).to.deep.equal([EXPORT_SLICE, 2 * EXPORT_SLICE, rows.length]);
    expect(seen.every((p) => p.total === rows.length)).to.equal(true);
    const parsed = parseCsv(decodeCsv(file.data));
    expect(parsed[0]).to.deep.equal(['Name', 'Status', 'Projected annual cost (USD)', 'Organization readers']);
    expect(parsed[1]).to.deep.equal(['Org 0', 'Active', '-5.43', '3']);
    expect(parsed).to.have.length(rows.length + 1);
  });

  it('stops at the next slice once aborted, with the typed error', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await rejectsWith(
      writeExport(fakeSource(rows), request({format: 'xlsx'}), controller.signal, (p) => {
        seen.push(p.done);
        controller.abort();
      }),
    );
    expect(error.code).to.equal('aborted');
    expect(seen).to.deep.equal([EXPORT_SLICE]);
  });

  it('refuses a request with nothing exportable', async () => {
    const error = await rejectsWith(writeExport(fakeSource(rows), request({columns: ['actions']}), new AbortController().signal, () => undefined));
    expect(error.code).to.equal('invalid-request');
  });

  it('writes hostile text to XLSX as literal string cells', async () => {
    const hostile = HOSTILE.map((h) => fakeRow(h));
    const file = await writeExport(fakeSource(hostile), request({format: 'xlsx', columns: ['name', 'readers', 'secureScore'], scopeName: 'Zoë [EU]: *test*'}), new AbortController().signal, () => undefined);
    expect(file.fileName).to.match(/^organizations-zoe-eu-test-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = read(file.data, {type: 'array', dense: true, cellFormula: true});
    expect(book.SheetNames).to.deep.equal(['Zoë EU test']);
    const cells = sheetCells(book);
    expect(cells[0].map((c) => c?.v)).to.deep.equal(['Name', 'Organization readers', 'Secure score (infra)']);
    HOSTILE.forEach((h, i) => {
      const [name, readers, score] = cells[i + 1] ?? [];
      if (h === '') expect(name?.v ?? '').to.equal('');
      // SheetJS's reader folds CRLF to LF; the file itself keeps the CR (as `_x000d_`).
      else expect(name, JSON.stringify(h)).to.deep.include({t: 's', v: h.replace(/\r\n/g, '\n')});
      expect(name?.f, 'no formula').to.equal(undefined);
      expect(readers).to.deep.include({t: 'n', v: 3});
      expect(score, 'null secure score is an empty cell').to.equal(undefined);
    });
  });
});

/** CRC-32 (IEEE), the test's own, to check the zip's headers. */
function crc32(bytes: Uint8Array): number {
  let crc = -1;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
}

/** Reads a zip through its central directory, inflating each entry natively. */
async function unzip(data: ArrayBuffer): Promise<Map<string, Uint8Array>> {
  const view = new DataView(data);
  const end = data.byteLength - 22;
  expect(view.getUint32(end, true), 'end of central directory').to.equal(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true), 'central header').to.equal(0x02014b50);
    const [method, crc, csize, size, nameLength, local] = [view.getUint16(at + 10, true), view.getUint32(at + 16, true), view.getUint32(at + 20, true), view.getUint32(at + 24, true), view.getUint16(at + 28, true), view.getUint32(at + 42, true)];
    const name = new TextDecoder().decode(new Uint8Array(data, at + 46, nameLength));
    expect(view.getUint32(local, true), `${name} local header`).to.equal(0x04034b50);
    expect(view.getUint32(local + 14, true), `${name} local CRC`).to.equal(crc);
    expect(method, name).to.equal(8);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const stream = new Blob([new Uint8Array(data, start, csize)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(bytes.length, `${name} size`).to.equal(size);
    expect(crc32(bytes), `${name} CRC`).to.equal(crc);
    out.set(name, bytes);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

describe('XLSX file (no worker)', () => {
  it('is a valid zip of well-formed parts over several slices, every row read back with its types', async () => {
    const rows = Array.from({length: 12_345}, (_, i) => fakeRow(`Org ${i}`, {readerCount: i, secureScore: i % 3 ? i / 10 : null}));
    const file = await writeExport(fakeSource(rows), request({format: 'xlsx', columns: ['name', 'readers', 'secureScore', 'projectedAnnualCost'], currency: 'original'}), new AbortController().signal, () => undefined);
    const parts = await unzip(file.data);
    expect([...parts.keys()].sort()).to.deep.equal(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    for (const [name, bytes] of parts) {
      const doc = new DOMParser().parseFromString(new TextDecoder('utf-8', {fatal: true}).decode(bytes), 'application/xml');
      expect(doc.querySelector('parsererror'), `${name} is well-formed XML`).to.equal(null);
    }
    // `cellStyles` makes SheetJS read the column widths too.
    const book = read(file.data, {type: 'array', dense: true, cellFormula: true, cellStyles: true});
    const sheet = book.Sheets[book.SheetNames[0]];
    expect(sheet['!ref']).to.equal('A1:E12346');
    expect(sheet['!cols']?.map((c) => c.wpx)).to.deep.equal([260, 120, 150, 170, 90]);
    const cells = sheetCells(book);
    expect(cells).to.have.length(rows.length + 1);
    expect(cells[0].map((c) => c?.v)).to.deep.equal(['Name', 'Organization readers', 'Secure score (infra)', 'Projected annual cost', 'Currency']);
    cells.slice(1).forEach((row, i) => {
      expect(row[0], `row ${i}`).to.deep.include({t: 's', v: `Org ${i}`});
      expect(row[1]).to.deep.include({t: 'n', v: i});
      if (i % 3) expect(row[2]).to.deep.include({t: 'n', v: i / 10});
      else expect(row[2], 'null is no cell').to.equal(undefined);
      expect(row[3]).to.deep.include({t: 'n', v: -5});
      expect(row[4]).to.deep.include({t: 's', v: 'EUR'});
    });
  });

  it('keeps text literal: formulas, markup, escape-like sequences, edge spaces, RTL and zero-width characters', async () => {
    const texts = [...HOSTILE.filter((h) => h !== ''), '=1+1', '_x000D_ is not a CR', '  two spaces each side  ', 'a]]>b', '\u0001\u001f\ufffe', 'é'.repeat(500)];
    const file = await writeExport(fakeSource(texts.map((t) => fakeRow(t))), request({format: 'xlsx', columns: ['name']}), new AbortController().signal, () => undefined);
    // The writer's bytes are exactly the cells' specified XML.
    const xml = new TextDecoder().decode((await unzip(file.data)).get('xl/worksheets/sheet1.xml'));
    const body = xml.slice(xml.indexOf('<sheetData>') + 11, xml.indexOf('</sheetData>'));
    expect(body).to.equal(['Name', ...texts].map((t, r) => `<row r="${r + 1}">${xlsxCellXml(`A${r + 1}`, t)}</row>`).join(''));
    const cells = sheetCells(read(file.data, {type: 'array', dense: true, cellFormula: true}));
    texts.forEach((t, i) => {
      const cell = cells[i + 1][0];
      expect(cell, JSON.stringify(t)).to.deep.include({t: 's', v: t.replace(/\r\n/g, '\n')});
      expect(cell?.f, 'no formula').to.equal(undefined);
    });
  });
});

describe('saveFile', () => {
  it('downloads through a temporary <a download> with a blob URL, and removes it', () => {
    const file: ExportedFile = {fileName: 'organizations-x-2026-01-01.csv', mimeType: 'text/csv;charset=utf-8', blob: new Blob(['a,b\r\n'], {type: 'text/csv;charset=utf-8'}), rows: 1};
    let clicked: HTMLAnchorElement | null = null;
    const onClick = (e: Event): void => {
      if (e.target instanceof HTMLAnchorElement) {
        clicked = e.target;
        // The test page must not really download.
        e.preventDefault();
      }
    };
    document.addEventListener('click', onClick, true);
    try {
      saveFile(file);
    } finally {
      document.removeEventListener('click', onClick, true);
    }
    const link = clicked as HTMLAnchorElement | null;
    expect(link).to.not.equal(null);
    expect(link!.download).to.equal(file.fileName);
    expect(link!.href).to.match(/^blob:/);
    expect(link!.isConnected).to.equal(false);
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: a real DataClient, data worker and embedded backend

const clients: DataClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

function setup(organizations = 300): DataClient {
  const config: LocalBackendConfig = {kind: 'local', organizations, namespace: `export-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin};
  const client = new DataClient({config, cacheName: `tenantry-cache-test-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

async function allRows(client: DataClient, viewId: string, total: number): Promise<OrgRow[]> {
  const rows: OrgRow[] = [];
  for (let start = 0; start < total; start += 500) rows.push(...(await client.window(viewId, start, 500)).rows);
  return rows;
}

const scope = {tenantId: DEMO_TENANTS.distributor};

describe('exportView through the data worker', () => {
  it('CSV of a filtered, sorted view: exactly its rows, in its order, with the requested columns', async () => {
    const client = setup();
    const query: OrgQuery = {filters: {statuses: ['active', 'suspended']}, sort: [{key: 'secureScore', dir: 'desc'}]};
    const view = await client.openView(scope, query);
    const expected = await allRows(client, view.viewId, view.total);
    const columns: ColumnKey[] = ['name', 'status', 'secureScore', 'projectedAnnualCost', 'actions'];
    const file = await client.exportView(view.viewId, request({columns, currency: 'original'}));
    expect(file.rows).to.equal(view.total);
    expect(file.mimeType).to.equal('text/csv;charset=utf-8');
    const parsed = parseCsv(decodeCsv(await file.blob.arrayBuffer()));
    expect(parsed[0]).to.deep.equal(['Name', 'Status', 'Secure score (infra)', 'Projected annual cost', 'Currency']);
    expect(parsed).to.have.length(view.total + 1);
    const ctx = {currency: 'original' as const};
    const expectedCells = expected.map((r) => [
      ...(['name', 'status', 'secureScore', 'projectedAnnualCost'] as const).map((k) => csvText(COLUMN_BY_KEY.get(k)!.value(r, ctx))),
      r.org.projectedAnnualCost?.currency ?? '',
    ]);
    expect(parsed.slice(1)).to.deep.equal(expectedCells);
    expect(parsed.slice(1).every((f) => f[1] === 'Active' || f[1] === 'Suspended')).to.equal(true);
  });

  it("rows: 'all' writes every row of the scope in the default order, whatever the view shows", async () => {
    const client = setup();
    const view = await client.openView(scope, {search: 'zzzz-no-match'});
    expect(view.total).to.equal(0);
    const file = await client.exportView(view.viewId, request({rows: 'all', columns: ['name']}));
    expect(file.rows).to.equal(view.datasetSize);
    const everything = await client.openView(scope, {});
    const names = (await allRows(client, everything.viewId, everything.total)).map((r) => r.org.name);
    expect(parseCsv(decodeCsv(await file.blob.arrayBuffer())).slice(1).map((f) => f[0])).to.deep.equal(names.map((n) => neutraliseFormula(n)));
  });

  it('tree layout: exports the organizations shown, not the linked-account rows under an open customer', async () => {
    const client = setup();
    const customers = await client.openView(scope, {filters: {kinds: ['customer']}});
    const withAccounts = (await allRows(client, customers.viewId, customers.total)).find((r) => r.org.linkedAccountCount > 0);
    expect(withAccounts, 'a customer with linked accounts').to.not.equal(undefined);
    const org = withAccounts!.org;
    const tree = await client.openView(scope, {layout: 'tree', expanded: [...org.ancestorIds, org.id]});
    const shown = await allRows(client, tree.viewId, tree.total);
    const organizations = shown.filter((r) => r.accountIndex === null);
    expect(organizations.length).to.be.lessThan(shown.length);
    const file = await client.exportView(tree.viewId, request({columns: ['name']}));
    expect(file.rows).to.equal(organizations.length);
    expect(parseCsv(decodeCsv(await file.blob.arrayBuffer())).slice(1).map((f) => f[0])).to.deep.equal(organizations.map((r) => neutraliseFormula(r.org.name)));
  });

  it('XLSX read back: a name renamed to =1+1 is a text cell with no formula; numbers are numbers', async () => {
    const client = setup();
    const view = await client.openView(scope, {sort: [{key: 'name', dir: 'asc'}]});
    const target = (await client.window(view.viewId, 3, 1)).rows[0].org;
    const {etag} = await client.getOrganization(scope, target.id);
    await client.updateOrganization(scope, target.id, {name: '=1+1'}, etag);
    await client.refresh(scope);
    const file = await client.exportView(view.viewId, request({format: 'xlsx', columns: ['name', 'readers', 'projectedAnnualCost', 'createdAt'], currency: 'usd'}));
    expect(file.mimeType).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.fileName).to.match(/^organizations-northgate-distribution-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = read(await file.blob.arrayBuffer(), {type: 'array', dense: true, cellFormula: true});
    const cells = sheetCells(book);
    expect(cells[0].map((c) => c?.v)).to.deep.equal(['Name', 'Organization readers', 'Projected annual cost (USD)', 'Created on']);
    expect(cells).to.have.length(view.total + 1);
    const renamed = cells.find((row) => row[0]?.v === '=1+1');
    expect(renamed, 'the renamed row').to.not.equal(undefined);
    expect(renamed![0]!.t).to.equal('s');
    expect(renamed![0]!.f).to.equal(undefined);
    expect(cells.slice(1).every((row) => row[0]?.f === undefined)).to.equal(true);
    expect(cells.slice(1).every((row) => row[1]?.t === 'n' && typeof row[1].v === 'number')).to.equal(true);
    const costs = cells.slice(1).map((row) => row[2]);
    expect(costs.some((c) => c?.t === 'n')).to.equal(true);
    expect(costs.every((c) => c === undefined || c.t === 'n')).to.equal(true);
    // Dates are ISO text (the column's plain value), so no locale can reinterpret them.
    expect(cells[1][3]).to.deep.include({t: 's'});
    expect(String(cells[1][3]!.v)).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  describe('at 20,000 organizations', function () {
    this.timeout(120_000);

    it('reports progress as it goes, ending at the total', async () => {
      const client = setup(20_000);
      const view = await client.openView(scope, {});
      const seen: ExportProgress[] = [];
      const file = await client.exportView(view.viewId, request({format: 'xlsx'}), {onProgress: (p) => seen.push(p)});
      expect(file.rows).to.equal(view.total);
      expect(seen.length).to.be.within(2, Math.ceil(view.total / EXPORT_SLICE));
      expect(seen.every((p) => p.total === view.total)).to.equal(true);
      const dones = seen.map((p) => p.done);
      expect(dones).to.deep.equal([...dones].sort((a, b) => a - b));
      expect(dones.at(-1)).to.equal(view.total);
    });

    it('cancels mid-export: rejects with aborted and the worker stays usable', async () => {
      const client = setup(20_000);
      const view = await client.openView(scope, {});
      const controller = new AbortController();
      let progressCalls = 0;
      const error = await rejectsWith(
        client.exportView(view.viewId, request({format: 'xlsx', columns: ['name', 'tenants', 'workloads', 'projectedAnnualCost']}), {
          signal: controller.signal,
          onProgress: () => {
            progressCalls++;
            controller.abort();
          },
        }),
      );
      expect(error.code).to.equal('aborted');
      expect(progressCalls).to.equal(1);
      // The same worker answers the next call, including another export.
      const win = await client.window(view.viewId, 0, 10);
      expect(win.rows).to.have.length(10);
      const file = await client.exportView(view.viewId, request({columns: ['name']}));
      expect(file.rows).to.equal(view.total);
    });
  });

  it('prints the time to export 100,000 organizations (12 columns) as XLSX and CSV', async function () {
    this.timeout(600_000);
    const client = setup(100_000);
    const view = await client.openView(scope, {});
    await client.idle();
    const columns: ColumnKey[] = ['name', 'plan', 'status', 'projectedAnnualCost', 'savingsPercent', 'secureScore', 'createdAt', 'lastCollection', 'readers', 'activeTasks', 'admin', 'parent'];
    const time = async (format: 'csv' | 'xlsx'): Promise<{ms: number; file: ExportedFile}> => {
      const t0 = performance.now();
      const file = await client.exportView(view.viewId, request({format, columns}));
      return {ms: performance.now() - t0, file};
    };
    const xlsx = await time('xlsx');
    const csv = await time('csv');
    expect(xlsx.file.rows).to.equal(view.total);
    expect(csv.file.rows).to.equal(view.total);
    const mb = (f: ExportedFile): string => (f.blob.size / 1e6).toFixed(1);
    console.log(
      `[export] ${view.total} rows × ${columns.length} columns: xlsx ${(xlsx.ms / 1000).toFixed(2)} s (${mb(xlsx.file)} MB), csv ${(csv.ms / 1000).toFixed(2)} s (${mb(csv.file)} MB) — one run, on a shared machine that may be loaded`,
    );
  });
});
