import type { Database } from 'better-sqlite3';
import type { OutboxColumns } from './outbox-rows';
import type { Run } from '../../core/run';
import { CascadeError } from '../../errors';
import type { NewRun, OutboxMessage } from '../store';
import { newRunToRow, queuedRun, type NewRunRow } from './run-rows';
import { sqliteCode } from './store-errors';

/** Writes a run and its outbox message together; callers hold the transaction. */
export interface RunWriter {
  /** The inserted run, or null when a run with its request key exists (and nothing was written). */
  insert(run: NewRun, toMessage: (run: Run) => OutboxMessage, now: Date): Run | null;
}

interface OutboxInsert extends OutboxColumns {
  readonly created_at: string;
}

function isMissingTask(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_NOTNULL' && String((error as { message?: unknown }).message).includes('runs.task_seq');
}

export function createRunWriter(db: Database): RunWriter {
  // The task's key is looked up inside the insert: one statement per run, not two. No RETURNING:
  // it costs a third of the insert, and changes/lastInsertRowid say the same.
  const insertRun = db.prepare<NewRunRow>(`INSERT INTO runs
    (task_seq, task_id, task_name, status, trigger_type, image_update_trigger, root_event, hop, request_key, created_at, updated_at)
    VALUES ((SELECT seq FROM tasks WHERE id = @task_id), @task_id, @task_name, @status, @trigger_type, @image_update_trigger,
      @root_event, @hop, @request_key, @created_at, @updated_at)
    ON CONFLICT DO NOTHING`);
  const insertMessage = db.prepare<OutboxInsert>(`INSERT INTO outbox (message_id, run_seq, session_id, subject, body, properties, created_at)
    VALUES (@message_id, @run_seq, @session_id, @subject, @body, @properties, @created_at)`);

  /** The new run's key, or null when its request key exists. */
  const tryInsertRun = (row: NewRunRow): number | null => {
    try {
      const { changes, lastInsertRowid } = insertRun.run(row);
      return changes === 0 ? null : Number(lastInsertRowid);
    } catch (error) {
      // No task with that id: it was deleted after the matcher chose it. The caller re-matches on retry.
      if (isMissingTask(error)) throw new CascadeError('TASK_NOT_FOUND', `task ${row.task_name} (${row.task_id}) does not exist`, { cause: error });
      throw error;
    }
  };

  const dropDeferred = db.prepare<[string, string]>('DELETE FROM deferred_runs WHERE root_event = ? AND task_id = ?');

  return {
    insert(newRun, toMessage, now) {
      const createdAt = now.toISOString();
      const seq = tryInsertRun(newRunToRow(newRun, createdAt));
      if (seq === null) return null;
      // The task has its run of this chain: nothing of it waits any more.
      if (newRun.rootEvent !== null) dropDeferred.run(newRun.rootEvent, newRun.taskId);
      const run = queuedRun(newRun, seq, createdAt);
      const message = toMessage(run);
      insertMessage.run({
        message_id: message.messageId, run_seq: seq, session_id: message.sessionId, subject: message.subject,
        body: message.body, properties: JSON.stringify(message.properties), created_at: createdAt,
      });
      return run;
    },
  };
}
