import type { Database } from 'better-sqlite3';
import type { Run, RunStatus } from '../../core/run';
import { CascadeError } from '../../errors';
import type { NewRun, OutboxMessage, Store } from '../store';
import { rowToRun, runSeq, type RunRow } from './run-rows';
import type { RunWriter } from './run-writer';

export type RunMethods = Pick<Store, 'createRun' | 'getRun' | 'listRuns' | 'setRunStatus'>;

export function createSqliteRuns(db: Database, writer: RunWriter): RunMethods {
  const selectRun = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE seq = ?');
  const selectByKey = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE request_key = ?');
  const selectRecent = db.prepare<[number], RunRow>('SELECT * FROM runs ORDER BY seq DESC LIMIT ?');
  // By the task's key, not the name copied onto each run, so a renamed task keeps its history.
  const selectRecentOfTask = db.prepare<[string, number], RunRow>(
    'SELECT * FROM runs WHERE task_seq = (SELECT seq FROM tasks WHERE name = ?) ORDER BY seq DESC LIMIT ?',
  );
  const updateStatus = db.prepare<[string, string, number]>('UPDATE runs SET status = ?, updated_at = ? WHERE seq = ?');

  const create = db.transaction((newRun: NewRun, toMessage: (run: Run) => OutboxMessage): Run => {
    const run = writer.insert(newRun, toMessage, new Date());
    if (run !== null) return run;
    const existing = selectByKey.get(newRun.requestKey);
    if (existing === undefined) throw new CascadeError('INTERNAL', `run with request key ${newRun.requestKey} vanished`);
    return rowToRun(existing);
  });

  return {
    createRun: async (newRun, toMessage) => create.immediate(newRun, toMessage),
    getRun: async (id) => {
      const seq = runSeq(id);
      const row = seq === null ? undefined : selectRun.get(seq);
      return row === undefined ? null : rowToRun(row);
    },
    listRuns: async ({ taskName, limit }) => {
      const rows = taskName === undefined ? selectRecent.all(limit) : selectRecentOfTask.all(taskName, limit);
      return rows.map(rowToRun);
    },
    setRunStatus: async (id: string, status: RunStatus) => {
      const seq = runSeq(id);
      const changes = seq === null ? 0 : updateStatus.run(status, new Date().toISOString(), seq).changes;
      if (changes === 0) throw new CascadeError('RUN_NOT_FOUND', `run ${id} does not exist`);
    },
  };
}
