import type { Database } from 'better-sqlite3';
import { CascadeError } from '../../errors';
import { MIGRATIONS, type Migration } from './migrations';

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`;

/**
 * Brings the schema up to the newest migration and returns the versions it applied. Each
 * migration runs in its own IMMEDIATE transaction that re-reads the version first, so two
 * processes opening one file at once apply each migration exactly once.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(CREATE_LEDGER);
  const known = migrations.at(-1)?.version ?? 0;
  const currentVersion = db.prepare<[], number | null>('SELECT MAX(version) FROM schema_migrations').pluck();
  const record = db.prepare<[number, string, string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applyNext = db.transaction((): number | null => {
    const current = currentVersion.get() ?? 0;
    if (current > known) {
      // Running older code on a newer file would misread or corrupt it.
      throw new CascadeError(
        'CONFIG_INVALID',
        `the database schema is at version ${current} but this Cascade knows versions up to ${known}: upgrade Cascade or point it at another data file`,
      );
    }
    const next = migrations.find((migration) => migration.version > current);
    if (next === undefined) return null;
    db.exec(next.sql);
    record.run(next.version, next.name, new Date().toISOString());
    return next.version;
  });
  const applied: number[] = [];
  for (let version = applyNext.immediate(); version !== null; version = applyNext.immediate()) applied.push(version);
  return applied;
}
