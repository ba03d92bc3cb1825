import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { CascadeError } from '../../errors';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:`. */
  readonly file: string;
  /** FULL (default) syncs every commit: an acknowledged event survives power loss. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * False: commits never checkpoint the WAL themselves; the owner calls `checkpoint()` on a timer,
   * which keeps that copy off the latency of each commit. Default true (SQLite's own behaviour).
   */
  readonly autoCheckpoint?: boolean;
}

/** Waits this long for another connection's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

export function openDatabase(options: SqliteStoreOptions): Database {
  const synchronous = options.synchronous ?? 'FULL';
  // Interpolated into a pragma below, so only the two known values may pass.
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new CascadeError('CONFIG_INVALID', `SQLite synchronous must be FULL or NORMAL, not ${String(synchronous)}`);
  }
  let db: Database | null = null;
  try {
    if (options.file !== ':memory:') mkdirSync(dirname(resolve(options.file)), { recursive: true });
    db = new BetterSqlite3(options.file);
    // WAL lets readers (dashboard, CLI) run beside the writer and makes a commit one append.
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
    return db;
  } catch (error) {
    db?.close();
    // An unwritable directory, or a file that is not a database.
    throw new CascadeError('CONFIG_INVALID', `cannot open the SQLite database ${options.file}`, { cause: error });
  }
}
