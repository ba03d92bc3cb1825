import type { Database } from 'better-sqlite3';
import type { Run } from '../../core/run';
import { CascadeError } from '../../errors';
import type { AppendResult, EventCompletion, NewRun, OutboxMessage, Store } from '../store';
import { ignoredToRow, pushedToRow, rowToEvent, type EventInsert, type EventRow } from './event-rows';
import { createDependencyDigestUpdater } from './dependency-digest-updates';
import type { RunWriter } from './run-writer';

export type InboxMethods = Pick<Store, 'appendEvents' | 'appendDeliveries' | 'completeEvents' | 'pendingEvents' | 'setEventDigest' | 'deferEvent' | 'completeEvent' | 'recentEvents'>;

const INSERT_EVENT_SQL = `INSERT INTO inbox_events (source, event_id, ref, digest, media_type, action, received_at, status, note)
    VALUES (@source, @event_id, @ref, @digest, @media_type, @action, @received_at, @status, @note)
    ON CONFLICT (source, event_id) DO NOTHING`;

export function createSqliteInbox(db: Database, writer: RunWriter): InboxMethods {
  const insertEvent = db.prepare<EventInsert>(INSERT_EVENT_SQL);
  const selectPending = db.prepare<[number, number], EventRow>(
    "SELECT * FROM inbox_events WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT ?",
  );
  const selectRecent = db.prepare<[number], EventRow>('SELECT * FROM inbox_events ORDER BY seq DESC LIMIT ?');
  const selectStatus = db.prepare<[number], string>('SELECT status FROM inbox_events WHERE seq = ?').pluck();
  const updateDigest = db.prepare<[string, string | null, number]>('UPDATE inbox_events SET digest = ?, media_type = ? WHERE seq = ?');
  const updateDeferred = db.prepare<[number, string, number]>(
    "UPDATE inbox_events SET attempts = attempts + 1, next_attempt_at = ?, note = ? WHERE seq = ? AND status = 'pending'",
  );
  const updateProcessed = db.prepare<[number, string, string | null, number]>(
    "UPDATE inbox_events SET status = 'processed', runs_created = ?, processed_at = ?, note = ? WHERE seq = ?",
  );

  const append = db.transaction((rows: readonly EventInsert[]): AppendResult => {
    const stored = rows.reduce((count, row) => count + insertEvent.run(row).changes, 0);
    return { stored, duplicates: rows.length - stored };
  });

  const appendMany = db.transaction((deliveries: ReadonlyArray<readonly EventInsert[]>): AppendResult[] =>
    deliveries.map((rows) => {
      const stored = rows.reduce((count, row) => count + insertEvent.run(row).changes, 0);
      return { stored, duplicates: rows.length - stored };
    }));

  const complete = db.transaction((seq: number, runs: readonly NewRun[], toMessage: (run: Run) => OutboxMessage, note: string | null): Run[] => {
    const status = selectStatus.get(seq);
    if (status === undefined) throw new CascadeError('INTERNAL', `inbox event ${seq} does not exist`);
    // Already settled: this is a replay after a crash, and it must write nothing.
    if (status !== 'pending') return [];
    const now = new Date();
    const created = runs.flatMap((run) => writer.insert(run, toMessage, now) ?? []);
    updateProcessed.run(created.length, now.toISOString(), note, seq);
    return created;
  });

  // Each completion is a savepoint inside the outer transaction: a failure rolls back only itself.
  const insertDeferred = db.prepare<[string, string, string, string]>('INSERT OR IGNORE INTO deferred_runs (root_event, waiting_on, task_id, run) VALUES (?, ?, ?, ?)');
  const updateDependencyDigest = createDependencyDigestUpdater(db);
  const completeWithDeferred = db.transaction((item: EventCompletion): Run[] => {
    const pending = selectStatus.get(item.seq) === 'pending';
    const runs = complete(item.seq, item.runs, item.toMessage, item.note);
    if (pending) for (const update of item.dependencyUpdates ?? []) updateDependencyDigest(update);
    for (const { waitingOn, run } of item.deferred ?? []) {
      if (run.rootEvent !== null) insertDeferred.run(run.rootEvent, waitingOn, run.taskId, JSON.stringify(run));
    }
    return runs;
  });
  const completeMany = db.transaction((items: readonly EventCompletion[]) => items.map((item) => {
    try {
      return { runs: completeWithDeferred(item) };
    } catch (error) {
      return { error };
    }
  }));

  return {
    completeEvents: async (items) => completeMany.immediate(items),
    appendEvents: async (events, ignored) => append.immediate([...events.map(pushedToRow), ...ignored.map(ignoredToRow)]),
    appendDeliveries: async (deliveries) => appendMany.immediate(deliveries.map(({ events, ignored }) => [...events.map(pushedToRow), ...ignored.map(ignoredToRow)])),
    pendingEvents: async (limit, now) => selectPending.all(now.getTime(), limit).map(rowToEvent),
    setEventDigest: async (seq, digest, mediaType) => {
      updateDigest.run(digest, mediaType, seq);
    },
    deferEvent: async (seq, retryAt, error) => {
      updateDeferred.run(retryAt.getTime(), error, seq);
    },
    completeEvent: async (seq, runs, toMessage, note) => complete.immediate(seq, runs, toMessage, note),
    recentEvents: async (limit) => selectRecent.all(limit).map(rowToEvent),
  };
}
