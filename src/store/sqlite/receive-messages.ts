import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { LocalQueueStore } from '../local-queue-store';
import { rowToQueued, type QueueRow } from './queue-rows';

type ReceiveOptions = Parameters<LocalQueueStore['receive']>[0];

interface Candidate {
  readonly seq: number;
  readonly session_id: string;
}

/** Service Bus' wording, so operators read the same reason on either transport. */
export const MAX_DELIVERY_REASON = 'MaxDeliveryCountExceeded';

/** Available messages of the pool whose session holds no lock, oldest first. */
function candidatesSql(poolTest: '= ?' | 'IS NULL'): string {
  return `SELECT seq, session_id FROM queue_messages AS m
    WHERE m.state = 'available' AND m.agent_pool ${poolTest}
      AND NOT EXISTS (SELECT 1 FROM queue_messages AS l WHERE l.state = 'locked' AND l.session_id = m.session_id)
    ORDER BY m.seq`;
}

/** Oldest first, at most one message per session (it is FIFO within a session), at most `max`. */
function pickOnePerSession(candidates: Iterable<Candidate>, max: number): number[] {
  const picked: number[] = [];
  const sessions = new Set<string>();
  if (max <= 0) return picked;
  for (const candidate of candidates) {
    if (sessions.has(candidate.session_id)) continue;
    sessions.add(candidate.session_id);
    picked.push(candidate.seq);
    if (picked.length >= max) break;
  }
  return picked;
}

export function createReceiveMessages(db: Database): LocalQueueStore['receive'] {
  const releaseExpired = db.prepare<[number]>(
    "UPDATE queue_messages SET state = 'available', lock_token = NULL, locked_until = NULL WHERE state = 'locked' AND locked_until <= ?",
  );
  const deadLetterExhausted = db.prepare<{ max: number; at: string }>(`UPDATE queue_messages
    SET state = 'deadlettered', dead_letter_reason = '${MAX_DELIVERY_REASON}', dead_lettered_at = @at,
      dead_letter_description = 'Message could not be consumed after ' || delivery_count || ' delivery attempts.'
    WHERE state = 'available' AND delivery_count >= @max`);
  // Two statements rather than `IS ?`, so each is a plain equality (or IS NULL) on the partial index.
  const inPool = db.prepare<[string], Candidate>(candidatesSql('= ?'));
  const withoutPool = db.prepare<[], Candidate>(candidatesSql('IS NULL'));
  const lock = db.prepare<{ seq: number; token: string; until: number }, QueueRow>(`UPDATE queue_messages
    SET state = 'locked', lock_token = @token, locked_until = @until, delivery_count = delivery_count + 1
    WHERE seq = @seq RETURNING *`);

  const receive = db.transaction(({ pool, max, lockMs, maxDeliveries, now }: ReceiveOptions) => {
    releaseExpired.run(now.getTime());
    deadLetterExhausted.run({ max: maxDeliveries, at: now.toISOString() });
    const picked = pickOnePerSession(pool === null ? withoutPool.iterate() : inPool.iterate(pool), max);
    return picked.flatMap((seq) => {
      const row = lock.get({ seq, token: randomUUID(), until: now.getTime() + lockMs });
      return row === undefined ? [] : [rowToQueued(row)];
    });
  });

  return async (options) => receive.immediate(options);
}
