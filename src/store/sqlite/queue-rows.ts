import { CascadeError } from '../../errors';
import type { DeadLetter, QueuedMessage } from '../local-queue-store';

export interface QueueRow {
  readonly seq: number;
  readonly message_id: string;
  readonly session_id: string;
  readonly subject: string;
  readonly body: string;
  readonly properties: string;
  readonly agent_pool: string | null;
  readonly state: string;
  readonly lock_token: string | null;
  readonly locked_until: number | null;
  readonly delivery_count: number;
  readonly enqueued_at: string;
  readonly dead_letter_reason: string | null;
  readonly dead_letter_description: string | null;
  readonly dead_lettered_at: string | null;
}

export type QueueInsert = Pick<QueueRow, 'message_id' | 'session_id' | 'subject' | 'body' | 'properties' | 'agent_pool' | 'enqueued_at'>;

export function messageToRow(message: Omit<QueuedMessage, 'lockToken' | 'lockedUntil' | 'deliveryCount' | 'enqueuedAt'>, now: Date): QueueInsert {
  return {
    message_id: message.messageId, session_id: message.sessionId, subject: message.subject, body: message.body,
    properties: JSON.stringify(message.properties),
    // Its own indexed column: receive filters on it for every poll.
    agent_pool: message.properties['agentPool'] ?? null,
    enqueued_at: now.toISOString(),
  };
}

function parseProperties(text: string): Record<string, string> {
  return JSON.parse(text) as Record<string, string>;
}

export function rowToQueued(row: QueueRow): QueuedMessage {
  if (row.lock_token === null || row.locked_until === null) throw new CascadeError('INTERNAL', `queue message ${row.message_id} is not locked`);
  return {
    messageId: row.message_id, sessionId: row.session_id, subject: row.subject, body: row.body,
    properties: parseProperties(row.properties), lockToken: row.lock_token, lockedUntil: new Date(row.locked_until).toISOString(),
    deliveryCount: row.delivery_count, enqueuedAt: row.enqueued_at,
  };
}

export function rowToDeadLetter(row: QueueRow): DeadLetter {
  return {
    messageId: row.message_id, subject: row.subject, body: row.body, properties: parseProperties(row.properties),
    deliveryCount: row.delivery_count, reason: row.dead_letter_reason ?? '', description: row.dead_letter_description ?? '',
    deadLetteredAt: row.dead_lettered_at ?? '',
  };
}
