import type { LocalQueueStore } from '../local-queue-store';
import type { Store } from '../store';
import { migrate } from './migrate';
import { openDatabase, type SqliteStoreOptions } from './open-database';
import { createRunWriter } from './run-writer';
import { createSqliteInbox } from './sqlite-inbox';
import { createSqliteLocalQueue } from './sqlite-local-queue';
import { createSqliteOutbox } from './sqlite-outbox';
import { createSqliteRuns } from './sqlite-runs';
import { createSqliteRunOutcomes } from './sqlite-run-outcomes';
import { createSqliteSettle } from './sqlite-settle';
import { createSqliteTasks } from './sqlite-tasks';
import { createSqliteWatchedRefs } from './sqlite-watched-refs';
import { toStoreError, withStoreErrors } from './store-errors';

export type { SqliteStoreOptions } from './open-database';

/** The embedded store: inbox, index, runs, outbox and the local queue in one SQLite file. */
export type SqliteStore = Store & LocalQueueStore & {
  /** Copies the WAL into the database file without waiting for readers (PASSIVE). */
  checkpoint(): Promise<void>;
};

/**
 * Opens (creating it and its directory if needed) and migrates the database, and prepares every
 * statement once. better-sqlite3 is synchronous: each method does its work before it resolves.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openDatabase(options);
  try {
    migrate(db);
    const writer = createRunWriter(db);
    return withStoreErrors({
      ...createSqliteTasks(db),
      ...createSqliteInbox(db, writer),
      ...createSqliteRuns(db, writer),
      ...createSqliteOutbox(db),
      ...createSqliteLocalQueue(db),
      ...createSqliteRunOutcomes(db),
      ...createSqliteSettle(db),
      ...createSqliteWatchedRefs(db),
      checkpoint: async () => {
        db.pragma('wal_checkpoint(PASSIVE)');
      },
      close: async () => {
        if (!db.open) return;
        // Refreshes the planner's statistics where they drifted (https://sqlite.org/lang_analyze.html#req).
        db.pragma('optimize');
        db.close();
      },
    });
  } catch (error) {
    db.close();
    throw toStoreError(error, 'open');
  }
}
