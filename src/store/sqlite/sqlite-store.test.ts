import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { isCascadeError } from '../../errors';
import { describeStoreContract } from '../store-contract';
import { createSqliteStore } from './create-sqlite-store';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

let dir = '';
let files = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cascade-store-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A new file per call, in a directory that does not exist yet (the store creates it). */
function freshFile(): string {
  files += 1;
  return join(dir, `db-${files}`, 'cascade.db');
}

function openingError(file: string): unknown {
  try {
    createSqliteStore({ file }).close().catch(() => undefined);
    return null;
  } catch (error) {
    return error;
  }
}

describeStoreContract('sqlite', async () => createSqliteStore({ file: freshFile() }));

describe('createSqliteStore', () => {
  it('applies every migration once, in order, and records its version', () => {
    const db = new BetterSqlite3(':memory:');

    const first = migrate(db);
    const second = migrate(db);

    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    db.close();
    expect(first).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(second).toEqual([]);
    expect(recorded).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('numbers its migrations 1, 2, 3, … with none skipped', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
  });

  it('keeps its data when the file is opened again', async () => {
    const file = freshFile();
    const first = createSqliteStore({ file });
    await first.appendEvents([{ source: 'acr', eventId: 'e1', ref: 'docker.io/library/node:20', digest: null, mediaType: null, receivedAt: '2026-03-01T00:00:00.000Z' }], []);
    await first.close();

    const second = createSqliteStore({ file, synchronous: 'NORMAL' });
    const events = await second.recentEvents(10);
    await second.close();

    expect(events.map((event) => event.eventId)).toEqual(['e1']);
  });

  it('refuses a database whose schema is newer than this code (CONFIG_INVALID)', async () => {
    const file = freshFile();
    await createSqliteStore({ file }).close();
    const db = new BetterSqlite3(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01')").run();
    db.close();

    const error = openingError(file);

    expect(isCascadeError(error) && error.code).toBe('CONFIG_INVALID');
    expect(String(error)).toMatch(/schema is at version 999 but this Cascade knows versions up to \d+/);
  });

  it('keeps the file in write-ahead-log mode', async () => {
    const file = freshFile();
    await createSqliteStore({ file }).close();

    const db = new BetterSqlite3(file);
    const mode = db.pragma('journal_mode', { simple: true });
    db.close();

    expect(mode).toBe('wal');
  });

  it('leaves checkpoints to its owner when autoCheckpoint is false, and checkpoints on request', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file, autoCheckpoint: false });
    await store.appendEvents([{ source: 'acr', eventId: 'e1', ref: 'docker.io/library/node:20', digest: null, mediaType: null, receivedAt: '2026-03-01T00:00:00.000Z' }], []);

    await store.checkpoint();

    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM inbox_events').pluck().get()).toBe(1);
    db.close();
    await store.close();
  });

  it('rolls back a migration that fails, keeping the versions before it', () => {
    const db = new BetterSqlite3(':memory:');
    const migrations = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE two (x INTEGER); INSERT INTO missing VALUES (1)' },
    ];

    const attempt = (): unknown => migrate(db, migrations);

    expect(attempt).toThrow(/no such table: missing/);
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'two'").all()).toEqual([]);
    db.close();
  });

  it('can be closed twice', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.close();

    await expect(store.close()).resolves.toBeUndefined();
  });

  it('runs on an in-memory database', async () => {
    const store = createSqliteStore({ file: ':memory:' });

    const result = await store.appendEvents([], [{ source: 'acr', eventId: 'p', action: 'ping', reason: 'ping', ref: null, receivedAt: '2026-03-01T00:00:00.000Z' }]);
    await store.close();

    expect(result).toEqual({ stored: 1, duplicates: 0 });
  });

  it('reports a file that is not a database as CONFIG_INVALID', () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'not a database, just text that is long enough to hold a header');

    const error = openingError(file);

    expect(isCascadeError(error) && error.code).toBe('CONFIG_INVALID');
  });

  it('reports a file it cannot create as CONFIG_INVALID', () => {
    const notADirectory = join(dir, 'plain-file');
    writeFileSync(notADirectory, '');

    const error = openingError(join(notADirectory, 'cascade.db'));

    expect(isCascadeError(error) && error.code).toBe('CONFIG_INVALID');
  });
});
