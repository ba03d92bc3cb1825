import type { Database } from 'better-sqlite3';
import { CascadeError } from '../../errors';
import type { Dependent, Store } from '../store';
import { rowToTask, type TaskRow } from './task-rows';

export type TaskReads = Pick<Store, 'getTask' | 'listTasks' | 'findDependents'>;

interface MatchRow extends TaskRow {
  readonly matched_position: number;
}

const TASK_COLUMNS = 't.id, t.name, t.spec, t.dependencies, t.warnings, t.created_at, t.updated_at';

export function createTaskReader(db: Database): TaskReads {
  const selectTask = db.prepare<[string], TaskRow>(`SELECT ${TASK_COLUMNS} FROM tasks AS t WHERE t.name = ?`);
  const selectTasks = db.prepare<[], TaskRow>(`SELECT ${TASK_COLUMNS} FROM tasks AS t ORDER BY t.name`);
  /*
   * One range read of the ref index, then one rowid lookup per dependent, whose row carries all
   * its dependencies: no query per task, no second query to regroup dependency rows. In index
   * order (oldest task first), so nothing is sorted.
   */
  const selectDependents = db.prepare<[string], MatchRow>(`SELECT ${TASK_COLUMNS}, m.position AS matched_position
    FROM task_dependencies AS m JOIN tasks AS t ON t.seq = m.task_seq
    WHERE m.ref = ? ORDER BY m.task_seq, m.position`);

  const toDependent = (row: MatchRow): Dependent => {
    const task = rowToTask(row);
    const dependency = task.dependencies[row.matched_position];
    if (dependency === undefined) throw new CascadeError('INTERNAL', `task ${row.name} has no dependency at position ${row.matched_position}`);
    return { task, dependency };
  };

  return {
    getTask: async (name) => {
      const row = selectTask.get(name);
      return row === undefined ? null : rowToTask(row);
    },
    listTasks: async () => selectTasks.all().map(rowToTask),
    findDependents: async (ref) => selectDependents.all(ref).map(toDependent),
  };
}
