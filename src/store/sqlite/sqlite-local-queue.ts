import type { Database } from 'better-sqlite3';
import type { LocalQueueStore } from '../local-queue-store';
import { messageToRow, rowToDeadLetter, type QueueInsert, type QueueRow } from './queue-rows';
import { createReceiveMessages } from './receive-messages';

interface Held {
  readonly token: string;
  readonly now: number;
}

/** A settlement applies only while the caller still holds the lock (Service Bus' peek-lock). */
const HELD = "lock_token = @token AND state = 'locked' AND locked_until > @now";

export function createSqliteLocalQueue(db: Database): LocalQueueStore {
  const insert = db.prepare<QueueInsert>(`INSERT INTO queue_messages (message_id, session_id, subject, body, properties, agent_pool, enqueued_at, state)
    VALUES (@message_id, @session_id, @subject, @body, @properties, @agent_pool, @enqueued_at, 'available')
    ON CONFLICT (message_id) DO NOTHING`);
  const complete = db.prepare<Held & { at: string }>(
    `UPDATE queue_messages SET state = 'completed', lock_token = NULL, locked_until = NULL, completed_at = @at WHERE ${HELD}`,
  );
  const abandon = db.prepare<Held>(`UPDATE queue_messages SET state = 'available', lock_token = NULL, locked_until = NULL WHERE ${HELD}`);
  const deadLetter = db.prepare<Held & { at: string; reason: string; description: string }>(`UPDATE queue_messages
    SET state = 'deadlettered', lock_token = NULL, locked_until = NULL, dead_letter_reason = @reason,
      dead_letter_description = @description, dead_lettered_at = @at
    WHERE ${HELD}`);
  const renew = db.prepare<Held & { until: number }, number>(`UPDATE queue_messages SET locked_until = @until WHERE ${HELD} RETURNING locked_until`).pluck();
  const stats = db.prepare<{ now: number }, { active: number; locked: number; deadLettered: number; completed: number }>(`SELECT
    (SELECT COUNT(*) FROM queue_messages WHERE state = 'available')
      + (SELECT COUNT(*) FROM queue_messages WHERE state = 'locked' AND locked_until <= @now) AS active,
    (SELECT COUNT(*) FROM queue_messages WHERE state = 'locked' AND locked_until > @now) AS locked,
    (SELECT COUNT(*) FROM queue_messages WHERE state = 'deadlettered') AS deadLettered,
    (SELECT COUNT(*) FROM queue_messages WHERE state = 'completed') AS completed`);
  const deadLetters = db.prepare<[number], QueueRow>(
    "SELECT * FROM queue_messages WHERE state = 'deadlettered' ORDER BY dead_lettered_at DESC, seq DESC LIMIT ?",
  );

  const resubmitOne = db.prepare<[string], string>(`UPDATE queue_messages
    SET state = 'available', delivery_count = 0, dead_letter_reason = NULL, dead_letter_description = NULL, dead_lettered_at = NULL
    WHERE message_id = ? AND state = 'deadlettered' RETURNING message_id`).pluck();
  const resubmitAll = db.prepare<[], string>(`UPDATE queue_messages
    SET state = 'available', delivery_count = 0, dead_letter_reason = NULL, dead_letter_description = NULL, dead_lettered_at = NULL
    WHERE state = 'deadlettered' RETURNING message_id`).pluck();
  const resubmit = db.transaction((ids: readonly string[] | 'all') =>
    ids === 'all' ? resubmitAll.all() : ids.flatMap((id) => resubmitOne.all(id)));

  const enqueue = db.transaction((rows: readonly QueueInsert[]) => rows.reduce((count, row) => count + insert.run(row).changes, 0));

  return {
    enqueue: async (messages, now) => enqueue.immediate(messages.map((message) => messageToRow(message, now))),
    receive: createReceiveMessages(db),
    complete: async (token, now) => complete.run({ token, now: now.getTime(), at: now.toISOString() }).changes === 1,
    abandon: async (token, now) => abandon.run({ token, now: now.getTime() }).changes === 1,
    deadLetter: async (token, reason, description, now) =>
      deadLetter.run({ token, now: now.getTime(), at: now.toISOString(), reason, description }).changes === 1,
    renewLock: async (token, lockMs, now) => {
      const until = renew.get({ token, now: now.getTime(), until: now.getTime() + lockMs });
      return until === undefined ? null : new Date(until).toISOString();
    },
    stats: async (now) => stats.get({ now: now.getTime() }) ?? { active: 0, locked: 0, deadLettered: 0, completed: 0 },
    deadLetters: async (limit) => deadLetters.all(limit).map(rowToDeadLetter),
    resubmitDeadLetters: async (ids) => resubmit.immediate(ids),
  };
}
