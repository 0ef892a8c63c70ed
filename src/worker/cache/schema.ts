/**
 * The on-disk schema of the dataset cache and its migrations. A database at version v has run
 * `MIGRATIONS[0..v-1]`; opening runs the steps it lacks inside the upgrade transaction, so data
 * written by older versions is kept. Never edit a released step: append a new one.
 */
import {PREFS_STORE, type PrefRecord} from '../../shared/saved-state.js';
import type {DBSchema} from 'idb';
import type {ChunkRecord} from './chunk-codec.js';

export interface MetaRecord {
  partition: string;
  /** `userKeyOf(origin, userId)`: indexed from version 2, so sign-out finds a user's partitions. */
  userKey: string;
  asOf: string;
  savedAt: number;
  /** Chunk numbers in use are below this (emptied chunks are deleted, so some may be missing). */
  chunkCount: number;
  /** Rows in the partition. */
  count: number;
  /** Changes on every write, so a connection can tell its in-memory chunk index is stale. */
  rev?: string;
}


export interface CacheSchema extends DBSchema {
  chunks: {key: [string, number]; value: ChunkRecord};
  meta: {key: string; value: MetaRecord; indexes: {byUser: string}};
  prefs: {key: [string, string]; value: PrefRecord; indexes: {byUser: string}};
}

export type StoreName = 'chunks' | 'meta' | 'prefs';

/** One upgrade step; runs inside the `versionchange` transaction. */
export type Migration = (db: IDBDatabase, tx: IDBTransaction) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 1: datasets as chunks of rows, plus one meta record per partition.
  (db) => {
    db.createObjectStore('chunks', {keyPath: ['partition', 'n']});
    db.createObjectStore('meta', {keyPath: 'partition'});
  },
  // 2: preferences, and user indexes so sign-out does not scan every partition.
  (db, tx) => {
    db.createObjectStore(PREFS_STORE, {keyPath: ['partition', 'name']}).createIndex('byUser', 'userKey');
    tx.objectStore('meta').createIndex('byUser', 'userKey');
  },
];

/** The version this code opens. */
export const DB_VERSION = MIGRATIONS.length;

/** Runs the steps from `oldVersion` to `newVersion`; versions past the known steps add nothing. */
export function migrate(db: IDBDatabase, tx: IDBTransaction, oldVersion: number, newVersion: number): void {
  for (let v = oldVersion + 1; v <= Math.min(newVersion, MIGRATIONS.length); v++) {
    (MIGRATIONS[v - 1] as Migration)(db, tx);
  }
}

/** Key range of all chunks of a partition. */
export const chunkRange = (partition: string): IDBKeyRange => IDBKeyRange.bound([partition, 0], [partition, Infinity]);
