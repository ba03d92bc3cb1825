import type { Database } from 'better-sqlite3';
import type { TrackedDependency } from '../../core/task';
import type { DependencyDigestUpdate } from '../store';

/**
 * Moves a task's recorded digest of a ref forward (issue 6 §2), inside the caller's transaction;
 * only entries still at `previousDigest`, so a build report written meanwhile wins.
 */
export function createDependencyDigestUpdater(db: Database): (update: DependencyDigestUpdate) => void {
  const selectDependencies = db.prepare<[string], string>('SELECT dependencies FROM tasks WHERE id = ?').pluck();
  const updateDependencies = db.prepare<[string, string]>('UPDATE tasks SET dependencies = ? WHERE id = ?');
  return (update) => {
    const stored = selectDependencies.get(update.taskId);
    if (stored === undefined) return;
    const dependencies = JSON.parse(stored) as TrackedDependency[];
    let changed = false;
    const next = dependencies.map((dependency) => {
      if (dependency.ref !== update.ref || dependency.digest !== update.previousDigest) return dependency;
      changed = true;
      return { ...dependency, digest: update.digest };
    });
    if (changed) updateDependencies.run(JSON.stringify(next), update.taskId);
  };
}
