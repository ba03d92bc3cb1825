/** A message in the local queue (the embedded transport), as an agent receives it. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly sessionId: string;
  readonly subject: string;
  readonly body: string;
  readonly properties: Readonly<Record<string, string>>;
  /** Identifies this delivery's lock; settle with it. */
  readonly lockToken: string;
  readonly lockedUntil: string;
  /** 1 on first delivery. */
  readonly deliveryCount: number;
  readonly enqueuedAt: string;
}

export interface DeadLetter {
  readonly messageId: string;
  readonly subject: string;
  readonly body: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly deliveryCount: number;
  readonly reason: string;
  readonly description: string;
  readonly deadLetteredAt: string;
}

export interface QueueStats {
  readonly active: number;
  readonly locked: number;
  readonly deadLettered: number;
  readonly completed: number;
}

/**
 * The durable local queue with Service Bus' peek-lock semantics: a received message is locked
 * for `lockMs`; complete removes it, abandon releases it, dead-letter parks it with a reason; a
 * lock that expires releases it; a message received `maxDeliveries` times without completion is
 * dead-lettered (`MaxDeliveryCountExceeded`). Messages of one session are never locked at once.
 */
export interface LocalQueueStore {
  /** Enqueues unless the message id was seen before; returns how many were new. */
  enqueue(messages: ReadonlyArray<Omit<QueuedMessage, 'lockToken' | 'lockedUntil' | 'deliveryCount' | 'enqueuedAt'>>, now: Date): Promise<number>;
  /** Locks up to `max` available messages of the pool (`agentPool` property; null: messages without one). */
  receive(options: { pool: string | null; max: number; lockMs: number; maxDeliveries: number; now: Date }): Promise<QueuedMessage[]>;
  /** False when the lock is unknown or expired (the message may have gone to another agent). */
  complete(lockToken: string, now: Date): Promise<boolean>;
  abandon(lockToken: string, now: Date): Promise<boolean>;
  deadLetter(lockToken: string, reason: string, description: string, now: Date): Promise<boolean>;
  /** Extends the lock; returns the new expiry, or null when the lock is lost. */
  renewLock(lockToken: string, lockMs: number, now: Date): Promise<string | null>;
  stats(now: Date): Promise<QueueStats>;
  deadLetters(limit: number): Promise<DeadLetter[]>;
  /**
   * Makes dead-lettered messages available again (all, or these message ids) with a fresh delivery
   * count; returns the ids moved. Ids that are not dead-lettered are left out of the result.
   */
  resubmitDeadLetters(messageIds: readonly string[] | 'all', now: Date): Promise<string[]>;
}
