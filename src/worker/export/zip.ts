/**
 * The zip container of an XLSX file, deflated by the platform's own `CompressionStream` (native
 * zlib, in workers too) instead of in JavaScript. Its `gzip` format is used rather than
 * `deflate-raw` because the gzip trailer carries the CRC-32 a zip entry needs: no JS CRC pass
 * over tens of megabytes. Entries are written whole into one buffer with exact sizes up front
 * (no data descriptors, no zip64: an entry over 4 GB is refused), which every reader accepts.
 */

/** One entry's deflated bytes, streamed in by the caller. */
export class DeflatedEntry {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  private readonly output: Promise<ArrayBuffer>;
  private size = 0;

  constructor(readonly name: string) {
    const stream = new CompressionStream('gzip');
    this.writer = stream.writable.getWriter();
    // Read concurrently, so the compressor never waits on a full queue.
    this.output = new Response(stream.readable).arrayBuffer();
    // An aborted entry rejects here; nobody awaits it then.
    this.output.catch(() => undefined);
  }

  /** Deflates `bytes` (resolves once they have been taken in, so memory stays at one slice). */
  async write(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    this.size += bytes.byteLength;
    await this.writer.write(bytes);
  }

  async close(): Promise<ZipEntry> {
    await this.writer.close();
    const gz = new Uint8Array(await this.output);
    return {name: this.name, ...fromGzip(gz, this.size)};
  }

  /** Drops the compressor (the export was cancelled). */
  abort(): void {
    this.writer.abort().catch(() => undefined);
  }
}

export interface ZipEntry {
  name: string;
  /** Raw deflate data. */
  data: Uint8Array;
  crc: number;
  size: number;
}

/** Splits a gzip member (RFC 1952) into its raw deflate data, CRC-32 and size. */
export function fromGzip(gz: Uint8Array, size: number): {data: Uint8Array; crc: number; size: number} {
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8) throw new Error('Not a gzip stream.');
  const flags = gz[3];
  let at = 10;
  if (flags & 4) at += 2 + (gz[at] | (gz[at + 1] << 8)); // FEXTRA
  if (flags & 8) while (gz[at++] !== 0); // FNAME
  if (flags & 16) while (gz[at++] !== 0); // FCOMMENT
  if (flags & 2) at += 2; // FHCRC
  const tail = new DataView(gz.buffer, gz.byteOffset + gz.length - 8, 8);
  const crc = tail.getUint32(0, true);
  if (tail.getUint32(4, true) !== size % 2 ** 32) throw new Error('Deflated size mismatch.');
  return {data: gz.subarray(at, gz.length - 8), crc, size};
}

/** Deflates a small entry in one go. */
export async function deflateEntry(name: string, text: string): Promise<ZipEntry> {
  const entry = new DeflatedEntry(name);
  await entry.write(new TextEncoder().encode(text));
  return entry.close();
}

const LOCAL = 30;
const CENTRAL = 46;
const END = 22;
// 1980-01-01 00:00, the zip epoch: the file's bytes depend on its content only.
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MAX32 = 0xffffffff;

/** The zip file holding `entries` (deflated), in their order. */
export function zip(entries: readonly ZipEntry[]): ArrayBuffer {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  let total = END;
  entries.forEach((e, i) => {
    if (e.size > MAX32 || e.data.length > MAX32) throw new RangeError('An XLSX part is over 4 GB.');
    total += LOCAL + CENTRAL + 2 * names[i].length + e.data.length;
  });
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  // Version 2.0, deflate, no flags; the fields local and central headers share.
  const common = (p: number, e: ZipEntry, nameLength: number): void => {
    view.setUint16(p, 20, true);
    view.setUint16(p + 2, 0, true);
    view.setUint16(p + 4, 8, true);
    view.setUint16(p + 6, 0, true);
    view.setUint16(p + 8, DOS_DATE, true);
    view.setUint32(p + 10, e.crc, true);
    view.setUint32(p + 14, e.data.length, true);
    view.setUint32(p + 18, e.size, true);
    view.setUint16(p + 22, nameLength, true);
    view.setUint16(p + 24, 0, true);
  };
  entries.forEach((e, i) => {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    common(at + 4, e, names[i].length);
    out.set(names[i], at + LOCAL);
    at += LOCAL + names[i].length;
    out.set(e.data, at);
    at += e.data.length;
  });
  const central = at;
  entries.forEach((e, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // made by: version 2.0, MS-DOS attributes
    common(at + 6, e, names[i].length);
    // Comment length, disk, internal and external attributes stay 0.
    view.setUint32(at + 42, offsets[i], true);
    out.set(names[i], at + CENTRAL);
    at += CENTRAL + names[i].length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - central, true);
  view.setUint32(at + 16, central, true);
  return out.buffer;
}
