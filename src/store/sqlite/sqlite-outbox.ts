import type { Database } from 'better-sqlite3';
import type { OutboxRow, Store } from '../store';
import type { OutboxColumns } from './outbox-rows';
import { runId } from './run-rows';

export type OutboxMethods = Pick<Store, 'claimOutbox' | 'markSent' | 'releaseOutbox' | 'failOutbox' | 'outboxDepth'>;

interface ClaimedRow extends OutboxColumns {
  readonly seq: number;
  readonly attempts: number;
}

function rowToOutbox(row: ClaimedRow): OutboxRow {
  return {
    seq: row.seq, runId: runId(row.run_seq), attempts: row.attempts, messageId: row.message_id, sessionId: row.session_id,
    subject: row.subject, body: row.body, properties: JSON.parse(row.properties) as Record<string, string>,
  };
}

export function createSqliteOutbox(db: Database): OutboxMethods {
  // One statement, so the choice and the lease are atomic: a second relay sees the new next_attempt_at.
  const claim = db.prepare<{ now: number; limit: number; leaseEnd: number }, ClaimedRow>(`UPDATE outbox
    SET next_attempt_at = @leaseEnd, attempts = attempts + 1
    WHERE seq IN (SELECT seq FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= @now ORDER BY seq LIMIT @limit)
    RETURNING seq, message_id, run_seq, session_id, subject, body, properties, attempts`);
  // Seqs arrive as one JSON array so a single prepared statement serves any batch size.
  const markSent = db.prepare<[string, string]>('UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND seq IN (SELECT value FROM json_each(?))');
  const release = db.prepare<[number, string, string]>(
    'UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE sent_at IS NULL AND seq IN (SELECT value FROM json_each(?))',
  );
  const giveUp = db.prepare<[string, string, string], number>(
    'UPDATE outbox SET sent_at = ?, last_error = ? WHERE sent_at IS NULL AND seq IN (SELECT value FROM json_each(?)) RETURNING run_seq',
  ).pluck();
  const failRun = db.prepare<[string, string, string, number]>(
    "UPDATE runs SET status = 'Error', finished_at = ?, updated_at = ?, outcome = ? WHERE seq = ? AND status = 'Queued'",
  );
  const fail = db.transaction((seqs: readonly number[], reason: string, at: string) => {
    const outcome = JSON.stringify({ reason, outputImages: [], dependencies: null, logTail: '' });
    for (const runSeq of giveUp.all(at, reason, JSON.stringify(seqs))) failRun.run(at, at, outcome, runSeq);
  });
  const depth = db.prepare<[], { pending: number; oldest: string | null }>(
    'SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox WHERE sent_at IS NULL',
  );

  return {
    claimOutbox: async (limit, now, leaseMs) => {
      const rows = claim.all({ now: now.getTime(), limit, leaseEnd: now.getTime() + leaseMs });
      // RETURNING gives no order guarantee; relays publish oldest first.
      return rows.sort((a, b) => a.seq - b.seq).map(rowToOutbox);
    },
    markSent: async (seqs, now) => {
      markSent.run(now.toISOString(), JSON.stringify(seqs));
    },
    releaseOutbox: async (seqs, retryAt, error) => {
      release.run(retryAt.getTime(), error, JSON.stringify(seqs));
    },
    failOutbox: async (seqs, reason, now) => {
      fail.immediate(seqs, reason, now.toISOString());
    },
    outboxDepth: async (now) => {
      const { pending, oldest } = depth.get() ?? { pending: 0, oldest: null };
      // Rows are stamped with the wall clock and `now` is the caller's: never report a negative age.
      return { pending, oldestAgeMs: oldest === null ? null : Math.max(0, now.getTime() - Date.parse(oldest)) };
    },
  };
}
