/**
 * The reference server's overlay on disk: every write the embedded store accepts is appended to a
 * journal and flushed (`fdatasync`) before the write is answered; at start, and whenever the
 * journal has grown, everything is folded into one snapshot written atomically (a temporary file,
 * flushed, renamed over the old one, the directory flushed), and the journal starts again.
 *
 * One entry per key, the last written, as IndexedDB keeps them: records by organization id,
 * idempotency records by key, audit entries by id. Replaying a journal over a snapshot that already
 * holds it changes nothing, so a crash between the rename and the journal's truncation is harmless;
 * a torn last line (a crash mid-append, never acknowledged) is dropped.
 */
import {mkdir, open, readFile, rename, type FileHandle} from 'node:fs/promises';
import path from 'node:path';
import type {IdempotencyRecord, OverlayBatch, OverlayRecord, OverlayStorage, StoredAudit} from '../worker/backends/embedded/embedded-backend.js';

const SNAPSHOT = 'snapshot.json';
const JOURNAL = 'journal.jsonl';
/** A journal longer than this is folded into the snapshot after the next flush. */
const COMPACT_AFTER_BYTES = 16 * 1024 * 1024;
const FORMAT = 1;

interface Snapshot extends OverlayBatch {
  format: number;
}

export class FileOverlayStorage implements OverlayStorage {
  private readonly records = new Map<string, OverlayRecord>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly audit = new Map<string, StoredAudit>();
  private journal: FileHandle | null = null;
  private journalBytes = 0;
  /** Lines waiting for the next flush, with the writes to answer once it is done. */
  private pending: {batch: OverlayBatch; line: string; done: () => void; failed: (e: unknown) => void}[] = [];
  private flushing: Promise<void> | null = null;
  private broken: unknown = null;

  private constructor(
    private readonly dir: string,
    private readonly onBroken: (e: unknown) => void,
  ) {}

  /**
   * Reads the snapshot and journal of `dir` (made if need be), then compacts them into a fresh
   * snapshot. `onBroken`: told once when a flush fails; every later write fails too, since what
   * memory holds is no longer what the disk holds (the server stops).
   */
  static async open(dir: string, onBroken: (e: unknown) => void): Promise<FileOverlayStorage> {
    await mkdir(dir, {recursive: true, mode: 0o700});
    const storage = new FileOverlayStorage(dir, onBroken);
    await storage.read();
    await storage.compact();
    return storage;
  }

  async load(): Promise<OverlayBatch> {
    return {records: [...this.records.values()], idempotency: [...this.idempotency.values()], audit: [...this.audit.values()]};
  }

  /** Resolves once the batch is on disk; after a failed flush every write fails (the server stops). */
  write(batch: OverlayBatch): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<void>((done, failed) => {
      this.pending.push({batch, line: `${JSON.stringify(batch)}\n`, done, failed});
      this.flushing ??= this.flushLoop();
    });
  }

  /** Waits for every write handed in so far, then closes the journal. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.journal?.close();
    this.journal = null;
  }

  /** Writes handed in while a flush runs go out together with the next one (one `fdatasync` for all). */
  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length && !this.broken) {
        const group = this.pending;
        this.pending = [];
        try {
          const text = group.map((g) => g.line).join('');
          await this.journal!.appendFile(text, 'utf8');
          await this.journal!.datasync();
          this.journalBytes += Buffer.byteLength(text);
          for (const g of group) this.apply(g.batch);
          if (this.journalBytes > COMPACT_AFTER_BYTES) await this.compact();
          for (const g of group) g.done();
        } catch (e) {
          this.broken = e;
          for (const g of [...group, ...this.pending]) g.failed(e);
          this.pending = [];
          this.onBroken(e);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private apply(batch: OverlayBatch): void {
    for (const r of batch.records ?? []) if (typeof r?.id === 'string') this.records.set(r.id, r);
    for (const k of batch.idempotency ?? []) if (typeof k?.key === 'string') this.idempotency.set(k.key, k);
    for (const a of batch.audit ?? []) if (typeof a?.id === 'string') this.audit.set(a.id, a);
  }

  private async read(): Promise<void> {
    const snapshot = await readIfThere(path.join(this.dir, SNAPSHOT));
    if (snapshot !== null) {
      const parsed = JSON.parse(snapshot) as Snapshot;
      if (parsed.format !== FORMAT) throw new Error(`${path.join(this.dir, SNAPSHOT)} has format ${String(parsed.format)}; this server reads format ${FORMAT}.`);
      this.apply(parsed);
    }
    const journal = await readIfThere(path.join(this.dir, JOURNAL));
    if (journal === null) return;
    const lines = journal.split('\n');
    lines.forEach((line, i) => {
      if (!line) return;
      try {
        this.apply(JSON.parse(line) as OverlayBatch);
      } catch (e) {
        // Only the last line can be torn (a crash while appending, never acknowledged).
        if (i < lines.length - 1 && lines.slice(i + 1).some(Boolean)) throw new Error(`${path.join(this.dir, JOURNAL)} line ${i + 1} is not valid JSON: ${String(e)}`);
      }
    });
  }

  /** Everything into one snapshot (temporary file, flushed, renamed, directory flushed), then an empty journal. */
  private async compact(): Promise<void> {
    const snapshot: Snapshot = {format: FORMAT, ...(await this.load())};
    const target = path.join(this.dir, SNAPSHOT);
    const temporary = `${target}.tmp`;
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(JSON.stringify(snapshot), 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
    await syncDirectory(this.dir);
    // The snapshot holds the journal now: start it again.
    await this.journal?.close();
    this.journal = await open(path.join(this.dir, JOURNAL), 'w', 0o600);
    await this.journal.sync();
    this.journalBytes = 0;
  }
}

async function readIfThere(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** A rename is durable once its directory is flushed (where the platform allows opening one). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename itself is still atomic there.
  } finally {
    await handle?.close();
  }
}
