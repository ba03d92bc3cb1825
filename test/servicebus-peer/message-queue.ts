import type { Message } from 'rhea';
import type { QueueSettings } from './entity-settings';
import { newLockToken, type LockToken } from './lock-token';
import { SessionTable, type SessionHolder } from './session-table';
import { TimerSet } from './timer-set';

export type MessageState = 'available' | 'locked' | 'deferred' | 'scheduled';

export interface StoredMessage {
  seq: number;
  /** The message as sent (decoded), plus what dispositions changed since. */
  message: Message;
  enqueuedAtMs: number;
  /** Deliveries made so far; the wire `delivery_count` of the next delivery. */
  deliveries: number;
  sessionId: string | undefined;
  state: MessageState;
  lock?: { token: LockToken; untilMs: number; timer?: NodeJS.Timeout };
}

/** Why a settlement did nothing: the lock expired, or never existed. */
export type Settled = 'ok' | 'lock-lost';

const SCHEDULED = 'x-opt-scheduled-enqueue-time';

/**
 * One queue, subscription or dead-letter queue: ordered available messages, peek-locks with
 * expiry, deferral, scheduling and sessions. Messages keep their sequence number, so an
 * abandoned message goes back to its place at the head.
 */
export class MessageQueue {
  readonly sessions: SessionTable;
  private readonly all = new Map<number, StoredMessage>();
  private readonly available: StoredMessage[] = [];
  private readonly byLock = new Map<string, StoredMessage>();
  private readonly timers = new TimerSet();
  private nextSeq = 1;

  constructor(
    readonly settings: QueueSettings,
    private readonly deadLetterQueue: MessageQueue | undefined,
    private readonly onAvailable: () => void,
  ) {
    this.sessions = new SessionTable(settings.lockDurationMs, (id) => this.releaseSession(id));
  }

  /** Stores a message (scheduled if it carries a future `x-opt-scheduled-enqueue-time`); returns its sequence number. */
  enqueue(message: Message, nowMs: number, seq = this.nextSeq++): number {
    const sessionId = typeof message.group_id === 'string' ? message.group_id : undefined;
    const stored: StoredMessage = { seq, message, enqueuedAtMs: nowMs, deliveries: 0, sessionId, state: 'available' };
    this.nextSeq = Math.max(this.nextSeq, seq + 1);
    this.all.set(seq, stored);
    const at = scheduledTime(message);
    if (at !== undefined && at > nowMs) {
      stored.state = 'scheduled';
      this.timers.later(at - nowMs, () => this.activate(stored));
    } else {
      this.makeAvailable(stored);
    }
    return seq;
  }

  /** Takes the first available message (of one session, when given) and locks or removes it. */
  take(mode: 'peekLock' | 'receiveAndDelete', nowMs: number, sessionId?: string): StoredMessage | undefined {
    const at = this.available.findIndex((m) => sessionId === undefined || m.sessionId === sessionId);
    if (at < 0) return undefined;
    const [stored] = this.available.splice(at, 1) as [StoredMessage];
    return this.deliver(stored, mode, nowMs);
  }

  /** Hands out deferred messages by sequence number (`receive-by-sequence-number`). */
  takeDeferred(seqs: number[], mode: 'peekLock' | 'receiveAndDelete', nowMs: number): StoredMessage[] {
    const found = seqs.map((s) => this.all.get(s)).filter((m): m is StoredMessage => m?.state === 'deferred');
    return found.map((m) => this.deliver(m, mode, nowMs));
  }

  /** The first session with an available message that nobody holds. */
  nextFreeSession(): string | undefined {
    return this.available.find((m) => m.sessionId !== undefined && !this.sessions.isLocked(m.sessionId))?.sessionId;
  }

  hasAvailable(sessionId?: string): boolean {
    return this.available.some((m) => sessionId === undefined || m.sessionId === sessionId);
  }

  lockedMessage(lockId: string): StoredMessage | undefined {
    return this.byLock.get(lockId);
  }

  complete(lockId: string): Settled {
    const stored = this.unlock(lockId);
    if (!stored) return 'lock-lost';
    this.all.delete(stored.seq);
    return 'ok';
  }

  abandon(lockId: string, annotations?: Record<string, unknown>): Settled {
    const stored = this.unlock(lockId);
    if (!stored) return 'lock-lost';
    mergeAnnotations(stored, annotations);
    this.redeliverOrDeadLetter(stored);
    return 'ok';
  }

  defer(lockId: string, annotations?: Record<string, unknown>): Settled {
    const stored = this.unlock(lockId);
    if (!stored) return 'lock-lost';
    mergeAnnotations(stored, annotations);
    stored.state = 'deferred';
    return 'ok';
  }

  deadLetter(lockId: string, properties: Record<string, unknown>): Settled {
    const stored = this.unlock(lockId);
    if (!stored) return 'lock-lost';
    this.moveToDeadLetter(stored, properties);
    return 'ok';
  }

  /** Extends a message lock; undefined when it was lost. */
  renewLock(lockId: string, nowMs: number): number | undefined {
    const stored = this.byLock.get(lockId);
    if (!stored?.lock) return undefined;
    this.arm(stored, nowMs);
    return stored.lock.untilMs;
  }

  /** Cancels a scheduled message; false when none has that sequence number. */
  cancelScheduled(seq: number): boolean {
    const stored = this.all.get(seq);
    if (stored?.state !== 'scheduled') return false;
    this.all.delete(seq);
    return true;
  }

  /** Messages in sequence order from `fromSeq`, without locking (`peek-message`). */
  peek(fromSeq: number, count: number, sessionId?: string): StoredMessage[] {
    return [...this.all.values()]
      .filter((m) => m.seq >= fromSeq && (sessionId === undefined || m.sessionId === sessionId))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, count);
  }

  /** Gives up a session lock: its locked messages become available again (counted as a delivery). */
  releaseSession(sessionId: string, holder?: SessionHolder): void {
    if (holder) this.sessions.release(sessionId, holder);
    for (const stored of [...this.byLock.values()]) {
      if (stored.sessionId === sessionId && stored.lock) {
        this.unlock(stored.lock.token.id);
        this.redeliverOrDeadLetter(stored);
      }
    }
  }

  snapshot(): StoredMessage[] {
    return [...this.all.values()].sort((a, b) => a.seq - b.seq);
  }

  close(): void {
    this.timers.clear();
    this.sessions.clearTimers();
  }

  private deliver(stored: StoredMessage, mode: 'peekLock' | 'receiveAndDelete', nowMs: number): StoredMessage {
    stored.deliveries += 1;
    if (mode === 'receiveAndDelete') {
      this.all.delete(stored.seq);
      stored.lock = undefined;
      return stored;
    }
    stored.state = 'locked';
    stored.lock = { token: newLockToken(), untilMs: 0 };
    this.byLock.set(stored.lock.token.id, stored);
    this.arm(stored, nowMs);
    return stored;
  }

  /** Session messages are locked by their session's lock; other messages expire on their own. */
  private arm(stored: StoredMessage, nowMs: number): void {
    const lock = stored.lock;
    if (!lock) return;
    if (lock.timer) this.timers.cancel(lock.timer);
    lock.untilMs = nowMs + this.settings.lockDurationMs;
    if (stored.sessionId !== undefined && this.settings.requiresSession) return;
    lock.timer = this.timers.later(this.settings.lockDurationMs, () => {
      if (this.unlock(lock.token.id)) this.redeliverOrDeadLetter(stored);
    });
  }

  private unlock(lockId: string): StoredMessage | undefined {
    const stored = this.byLock.get(lockId);
    if (!stored) return undefined;
    this.byLock.delete(lockId);
    if (stored.lock?.timer) this.timers.cancel(stored.lock.timer);
    stored.lock = undefined;
    return stored;
  }

  private redeliverOrDeadLetter(stored: StoredMessage): void {
    if (stored.deliveries >= this.settings.maxDeliveryCount) {
      this.moveToDeadLetter(stored, {
        DeadLetterReason: 'MaxDeliveryCountExceeded',
        DeadLetterErrorDescription: `Message could not be consumed after ${this.settings.maxDeliveryCount} delivery attempts.`,
      });
    } else {
      this.makeAvailable(stored);
    }
  }

  private moveToDeadLetter(stored: StoredMessage, properties: Record<string, unknown>): void {
    // A dead-letter queue has none of its own: dead-lettering there puts the message back.
    if (!this.deadLetterQueue) return this.makeAvailable(stored);
    this.all.delete(stored.seq);
    const defined = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined && v !== null));
    const message = { ...stored.message, application_properties: { ...stored.message.application_properties, ...defined } };
    this.deadLetterQueue.enqueue(message as Message, stored.enqueuedAtMs, stored.seq);
    const moved = this.deadLetterQueue.all.get(stored.seq);
    if (moved) moved.deliveries = stored.deliveries;
  }

  private makeAvailable(stored: StoredMessage): void {
    stored.state = 'available';
    let at = this.available.length;
    while (at > 0 && (this.available[at - 1] as StoredMessage).seq > stored.seq) at -= 1;
    this.available.splice(at, 0, stored);
    this.onAvailable();
  }

  private activate(stored: StoredMessage): void {
    if (this.all.get(stored.seq) === stored && stored.state === 'scheduled') this.makeAvailable(stored);
  }
}

function scheduledTime(message: Message): number | undefined {
  const value: unknown = message.message_annotations?.[SCHEDULED];
  if (value instanceof Date) return value.getTime();
  return typeof value === 'number' ? value : undefined;
}

function mergeAnnotations(stored: StoredMessage, annotations?: Record<string, unknown>): void {
  if (!annotations || Object.keys(annotations).length === 0) return;
  stored.message = { ...stored.message, message_annotations: { ...stored.message.message_annotations, ...annotations } } as Message;
}
