/**
 * Where the organizations grid's saved views live, apart from the element that shows them:
 * `workerViewStore` (the default: the data worker's cache, per user and tenant scope, never
 * page-readable storage) or `localViewStore` (`localStorage`, for hosts that want it).
 */
import {msg, str} from '@lit/localize';
import type {Scope} from '../shared/contract/backend.js';
import {parseViewState, type GridViewState} from '../shared/grid-view.js';
import type {PrefClient} from './kit/pref-controller.js';

/** A view saved by name. */
export interface SavedView {
  /** Trimmed, 1–80 characters; unique within a store. */
  name: string;
  state: GridViewState;
  /** ISO 8601 instant of the last save; empty if unknown. */
  savedAt: string;
}

/** Saved views as a store lists them; `dropped` counts stored entries that were unreadable and left out. */
export type SavedViewList = SavedView[] & {dropped?: number};

/**
 * Where saved views live: `workerViewStore` (the default: the worker's cache, per user and tenant
 * scope, never page-readable storage) or `localViewStore` (`localStorage`, for hosts that want it).
 */
export interface ViewStore {
  /** Every saved view (already validated), in no particular order. */
  list(): Promise<SavedViewList>;
  /** Adds the view, replacing one with the same name. */
  save(view: SavedView): Promise<void>;
  /** Removes the view with this name, if any. */
  remove(name: string): Promise<void>;
}

export const VIEW_NAME_MAX = 80;
/** Most views one store keeps. */
export const MAX_SAVED_VIEWS = 100;

/** A view name as stored: trimmed; `null` if empty or longer than `VIEW_NAME_MAX`. */
export function viewName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw.trim();
  return name && name.length <= VIEW_NAME_MAX ? name : null;
}

/** Reads one stored view; `null` if it is not one. The state is repaired by `parseViewState`. */
function readView(raw: unknown): SavedView | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const rec = raw as Record<string, unknown>;
  const name = viewName(Object.hasOwn(rec, 'name') ? rec.name : undefined);
  if (!name) return null;
  const savedAt = Object.hasOwn(rec, 'savedAt') && typeof rec.savedAt === 'string' && !Number.isNaN(Date.parse(rec.savedAt)) ? rec.savedAt : '';
  return {name, state: parseViewState(Object.hasOwn(rec, 'state') ? rec.state : undefined).state, savedAt};
}

export type {PrefClient};

/** The preference holding a scope's saved views. */
export const SAVED_VIEWS_PREF = 'grid.saved-views';
const SAVED_VIEWS_FORMAT = 1;

/** Reads a stored list of views: the valid ones (last of a name wins), and how many were not. */
function readViews(data: unknown): SavedViewList {
  const items = Array.isArray(data) ? data : [];
  const byName = new Map<string, SavedView>();
  let dropped = 0;
  for (const item of items.slice(0, MAX_SAVED_VIEWS * 2)) {
    const view = readView(item);
    if (view) byName.set(view.name, view);
    else dropped++;
  }
  dropped += Math.max(0, items.length - MAX_SAVED_VIEWS * 2);
  const views: SavedViewList = [...byName.values()].slice(0, MAX_SAVED_VIEWS);
  views.dropped = dropped + Math.max(0, byName.size - MAX_SAVED_VIEWS);
  return views;
}

/**
 * Saved views in the data worker's cache (`client.getPref/setPref`, preference
 * `grid.saved-views`): per signed-in user and tenant scope, shared by the user's tabs, gone with
 * the user's cache on sign-out. What comes back is untrusted (another version, a corrupt or
 * tampered cache): unreadable entries are left out and counted in `dropped`, the rest kept; the
 * next save writes back only the valid views.
 */
export function workerViewStore(client: PrefClient, scope: Scope): ViewStore {
  const at: Scope = {tenantId: scope.tenantId};
  // One change at a time, so two quick saves in this page never lose one another.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const read = async (): Promise<SavedViewList> => {
    const raw = await client.getPref<unknown>(at, SAVED_VIEWS_PREF);
    if (raw === undefined || raw === null) return [];
    const rec = typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
    if (!rec || !Object.hasOwn(rec, 'views') || rec.format !== SAVED_VIEWS_FORMAT) {
      const none: SavedViewList = [];
      none.dropped = Array.isArray(rec?.views) ? rec.views.length : 1;
      return none;
    }
    return readViews(rec.views);
  };
  const write = async (views: SavedView[]): Promise<void> => {
    try {
      await client.setPref(at, SAVED_VIEWS_PREF, {format: SAVED_VIEWS_FORMAT, views});
    } catch (e) {
      const tooLarge = (e as {code?: unknown} | null)?.code === 'too-large';
      throw new Error(tooLarge ? msg('Saved views are too large to store; delete some first.') : msg('Saved views could not be stored.'), {cause: e});
    }
  };
  return {
    list: () => serial(read),
    save: (view) =>
      serial(async () => {
        const checked = readView(view);
        if (!checked) throw new Error(`A saved view needs a name of 1 to ${VIEW_NAME_MAX} characters.`);
        const views = (await read()).filter((v) => v.name !== checked.name);
        if (views.length >= MAX_SAVED_VIEWS) throw new Error(msg(str`At most ${MAX_SAVED_VIEWS} views can be saved; delete one first.`));
        await write([...views, checked]);
      }),
    remove: (name) =>
      serial(async () => {
        const views = await read();
        const kept = views.filter((v) => v.name !== name);
        if (kept.length !== views.length || views.dropped) await write(kept);
      }),
  };
}

/**
 * Saved views in `localStorage` (or the given `Storage`), as JSON under a key that includes `key`
 * (pass one naming the user and the scope). What is read back is validated: corrupt or foreign
 * data gives an empty list (or just the valid views), never an exception. Page-readable storage:
 * only for hosts that choose it; the default is `workerViewStore`.
 */
export function localViewStore(key: string, storage?: Storage): ViewStore {
  const storageKey = `tenantry:saved-views:v1:${key}`;
  const area = (): Storage => storage ?? globalThis.localStorage;
  const read = (): SavedView[] => {
    let raw: string | null;
    try {
      raw = area().getItem(storageKey);
    } catch {
      return [];
    }
    if (!raw) return [];
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return [];
    }
    if (!Array.isArray(data)) return [];
    const byName = new Map<string, SavedView>();
    for (const item of data.slice(0, MAX_SAVED_VIEWS * 2)) {
      const view = readView(item);
      if (view) byName.set(view.name, view);
    }
    return [...byName.values()].slice(0, MAX_SAVED_VIEWS);
  };
  const write = (views: SavedView[]): void => {
    try {
      area().setItem(storageKey, JSON.stringify(views));
    } catch (e) {
      throw new Error(msg('Saved views could not be stored in this browser.'), {cause: e});
    }
  };
  return {
    async list() {
      return read();
    },
    async save(view) {
      const checked = readView(view);
      if (!checked) throw new Error('A saved view needs a name of 1 to 80 characters.');
      const views = read().filter((v) => v.name !== checked.name);
      if (views.length >= MAX_SAVED_VIEWS) throw new Error(msg(str`At most ${MAX_SAVED_VIEWS} views can be saved; delete one first.`));
      write([...views, checked]);
    },
    async remove(name) {
      const views = read();
      const kept = views.filter((v) => v.name !== name);
      if (kept.length !== views.length) write(kept);
    },
  };
}
