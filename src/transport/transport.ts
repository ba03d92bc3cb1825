import type { OutboxMessage } from '../store/store';
import type { DeadLetter } from '../store/local-queue-store';

/** Sends rebuild messages to the bus. Throws `CascadeError` (retryable or not) on failure. */
export interface Publisher {
  publish(messages: readonly OutboxMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** A message as an agent holds it: locked until settled or the lock expires. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly subject: string;
  readonly body: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly lockToken: string;
  readonly lockedUntil: string;
  readonly deliveryCount: number;
}

/**
 * The agents' side of the transport (DESIGN.md §5): peek-lock receive and settlement. A settle
 * with a lost lock throws `CascadeError('LOCK_LOST')`.
 */
export interface Consumer {
  /** Waits up to `waitMs` for at least one message of the pool (null: messages without a pool). */
  receive(options: { pool: string | null; max: number; waitMs: number }): Promise<ReceivedMessage[]>;
  complete(lockToken: string): Promise<void>;
  /** Releases the message for redelivery (a transient failure). */
  abandon(lockToken: string): Promise<void>;
  /** Parks the message with a reason (a permanent failure). */
  deadLetter(lockToken: string, reason: string, description: string): Promise<void>;
  /** Extends the lock; returns the new expiry. */
  renewLock(lockToken: string): Promise<string>;
  close(): Promise<void>;
}

/** One queue's (or subscription's) counts; null where the bus would not say. */
export interface QueueCounts {
  /** `local`, the queue's name, or `<topic>/Subscriptions/<subscription>`. */
  readonly name: string;
  readonly active: number | null;
  readonly deadLettered: number | null;
  readonly scheduled: number | null;
  /** Local queue only: held by an agent right now. */
  readonly locked?: number;
  /** Why the counts could not be read (e.g. the credential may not read runtime properties). */
  readonly error?: string;
}

/** What operators see and do with the queues (`cascade status`, `cascade dlq`). */
export interface TransportAdmin {
  readonly kind: 'local' | 'servicebus';
  queueCounts(): Promise<QueueCounts[]>;
  /** The newest dead letters first, up to `limit` (from every queue or subscription). */
  deadLetters(limit: number): Promise<DeadLetter[]>;
  /**
   * Sends dead-lettered messages back to their queue (`all`, or these message ids) and removes them
   * from the dead letters; returns the ids resubmitted. DEAD_LETTER_NOT_FOUND if a named id is not there.
   */
  resubmit(messageIds: readonly string[] | 'all'): Promise<string[]>;
  close(): Promise<void>;
}
