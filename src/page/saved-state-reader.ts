/**
 * Reads what the data worker saved for the signed-in user — their last session, a scope's first
 * rows, a widget's preferences (`src/shared/saved-state.ts`) — on the main thread, straight from the cache's
 * IndexedDB: a warm page load paints its first rows while the worker is still starting, instead of
 * after it (starting a worker and its cache takes longer than the whole target).
 *
 * It only reads. It never creates or upgrades the database (the worker owns its schema): a device
 * without it, or with a database of another shape, reads nothing. Its one connection closes when
 * another version wants the database, and soon after the last read.
 *
 * A page whose first script runs well before it makes its data client (an extension page, whose
 * options are read first) may start opening the database at once (`openSavedStateEarly`): opening
 * takes 10–30 ms, and the client's reader then takes that connection over.
 */
import {DEFAULT_CACHE_NAME, PREFS_STORE, partitionId, type PartitionKey, type PrefRecord} from '../shared/saved-state.js';

/** A read waits this long for the database at most (another tab upgrading it, a slow disk): then it reads nothing. */
const OPEN_TIMEOUT_MS = 1000;
/** The connection closes after this long without a read. */
const IDLE_CLOSE_MS = 2000;

/** One saved preference: whose (`key`) and which (`pref`). */
export interface SavedRef {
  key: PartitionKey;
  pref: string;
}

export class SavedStateReader {
  private db: Promise<IDBDatabase | null> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly name: string) {}

  /** A preference's saved value (parsed, unchecked: the caller checks it), or `undefined`. */
  async read(key: PartitionKey, pref: string): Promise<unknown> {
    const [value] = await this.readThen({key, pref}, () => null);
    return value;
  }

  /**
   * A preference, then every preference of the partition its value names (`next`; e.g. the saved
   * session, then the user's home scope: its first rows, the switcher's tenants, the grid's
   * display), in one transaction: the second read is queued the moment the first is answered, not
   * behind the transactions others (the worker reading its dataset) started in between. The
   * partition's preferences come as their stored JSON by name (`SavedPrefs`).
   */
  async readThen(first: SavedRef, next: (value: unknown) => PartitionKey | null): Promise<[unknown, SavedPrefs | null]> {
    if (this.closed) return [undefined, null];
    const db = await (this.db ??= this.open());
    if (!db || this.closed) return [undefined, null];
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.release(), IDLE_CLOSE_MS);
    try {
      const store = db.transaction(PREFS_STORE, 'readonly').objectStore(PREFS_STORE);
      const value = parse(await request<PrefRecord | undefined>(store.get([partitionId(first.key), first.pref])));
      const then = next(value);
      if (!then) return [value, null];
      const id = partitionId(then);
      // Asked in the first read's success callback, while its transaction is still active.
      const records = await request<PrefRecord[]>(store.getAll(IDBKeyRange.bound([id, ''], [id, '\uffff'])));
      return [value, new SavedPrefs(records)];
    } catch {
      // Closed under us, or a record that is not JSON: nothing saved, as far as a first paint goes.
      return [undefined, null];
    }
  }

  /** Closes the connection for good (sign-out, dispose): later reads find nothing. */
  close(): void {
    this.closed = true;
    this.release();
  }

  private release(): void {
    clearTimeout(this.idleTimer);
    const db = this.db;
    this.db = null;
    void db?.then((d) => d?.close());
  }

  private open(): Promise<IDBDatabase | null> {
    const taken = takeEarly(this.name);
    // An early connection the worker's upgrade closed before it was taken over: a fresh one.
    const opening = taken ? taken.then((db) => (db && closedForUpgrade.has(db) ? openReadOnly(this.name) : db)) : openReadOnly(this.name);
    const mine = opening.then((db) => {
      // The worker's upgrade (a newer build) closed it: the next read opens it again.
      db?.addEventListener('versionchange', () => {
        if (this.db === mine) this.db = null;
      });
      return db;
    });
    return mine;
  }
}

/** Connections closed for another version's sake (the worker's upgrade, a deletion). */
const closedForUpgrade = new WeakSet<IDBDatabase>();

/** Connections opened before any reader asked, by database name: the first reader takes each over. */
const early = new Map<string, {db: Promise<IDBDatabase | null>; timer: ReturnType<typeof setTimeout>}>();

/**
 * Starts opening the saved state's database now, for the data client a page makes a little later
 * (its reader takes the connection over). One nobody takes over is closed after a while.
 */
export function openSavedStateEarly(name: string = DEFAULT_CACHE_NAME): void {
  if (early.has(name)) return;
  const db = openReadOnly(name);
  const timer = setTimeout(() => {
    early.delete(name);
    void db.then((d) => d?.close());
  }, IDLE_CLOSE_MS);
  early.set(name, {db, timer});
}

function takeEarly(name: string): Promise<IDBDatabase | null> | null {
  const opened = early.get(name);
  if (!opened) return null;
  early.delete(name);
  clearTimeout(opened.timer);
  return opened.db;
}

/** The database as it is (never created or upgraded here), or `null`: absent, of another shape, or slow. */
function openReadOnly(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    let factory: IDBFactory | undefined;
    try {
      // Reading `indexedDB` itself throws SecurityError in some sandboxed contexts.
      factory = globalThis.indexedDB;
    } catch {
      factory = undefined;
    }
    if (!factory) return resolve(null);
    let settled = false;
    const settle = (db: IDBDatabase | null): void => {
      if (settled) return void db?.close();
      settled = true;
      clearTimeout(timer);
      resolve(db);
    };
    const timer = setTimeout(() => settle(null), OPEN_TIMEOUT_MS);
    try {
      // No version: the database as it is. One that does not exist yet is not created here.
      const req = factory.open(name);
      req.addEventListener('upgradeneeded', () => req.transaction?.abort());
      req.addEventListener('error', (event) => {
        event.preventDefault();
        settle(null);
      });
      req.addEventListener('success', () => {
        const db = req.result;
        // The worker's upgrade (a newer build) must never wait for this reader.
        db.addEventListener('versionchange', () => {
          db.close();
          closedForUpgrade.add(db);
        });
        settle(db.objectStoreNames.contains(PREFS_STORE) ? db : (db.close(), null));
      });
    } catch {
      settle(null);
    }
  });
}

function parse(record: PrefRecord | undefined): unknown {
  return record && typeof record.json === 'string' ? (JSON.parse(record.json) as unknown) : undefined;
}

/** A partition's saved preferences, parsed when first asked for (most are never needed early). */
export class SavedPrefs {
  private readonly json = new Map<string, string>();

  constructor(records: readonly PrefRecord[]) {
    for (const r of records) if (typeof r.name === 'string' && typeof r.json === 'string') this.json.set(r.name, r.json);
  }

  has(name: string): boolean {
    return this.json.has(name);
  }

  /** The preference's value (parsed, unchecked), or `undefined` when none was saved or it is not JSON. */
  get(name: string): unknown {
    const text = this.json.get(name);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.addEventListener('success', () => resolve(req.result));
    req.addEventListener('error', () => reject(req.error));
  });
}
