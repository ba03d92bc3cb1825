import type { Connection, Sender } from 'rhea';
import { Consumer, type ReceiveMode } from './consumer';
import { ticksLong } from './delivery-message';
import { refuse } from './refuse-link';
import type { MessageQueue } from './message-queue';
import { holdAttach, releaseAttach, setAttachFields } from './rhea-internals';

interface Waiter {
  sender: Sender;
  queue: MessageQueue;
  mode: ReceiveMode;
  timer: NodeJS.Timeout;
  ready: (consumer: Consumer) => void;
}

const SESSION_FILTER = 'com.microsoft:session-filter';

/**
 * Session receivers. A named session is locked at once or refused with
 * `com.microsoft:session-cannot-be-locked`; "next available session" holds the attach until a
 * session with messages is free, up to the client's `com.microsoft:timeout`, then detaches with
 * `com.microsoft:timeout`. The attach carries the session id in its source filter and the lock
 * expiry in `com.microsoft:locked-until-utc`.
 */
export class SessionGate {
  private waiters: Waiter[] = [];

  constructor(private readonly now: () => number) {}

  open(sender: Sender, queue: MessageQueue, mode: ReceiveMode, requested: string | undefined, ready: (c: Consumer) => void): void {
    if (requested !== undefined) {
      const consumer = new Consumer(sender, queue, mode, requested, this.now);
      const until = queue.sessions.acquire(requested, consumer, this.now());
      if (until === undefined) {
        return refuse(sender, 'com.microsoft:session-cannot-be-locked', `The requested session '${requested}' cannot be accepted. It may be locked by another receiver.`);
      }
      grant(sender, requested, until);
      return ready(consumer);
    }
    if (this.tryNext(sender, queue, mode, ready)) return;
    holdAttach(sender);
    const asked = Number((sender.properties as Record<string, unknown> | undefined)?.['com.microsoft:timeout'] ?? 60_000);
    const waitMs = Math.max(0, Math.min(asked, 60_000) - 250);
    const timer = setTimeout(() => {
      this.forget(sender);
      releaseAttach(sender);
      refuse(sender, 'com.microsoft:timeout', 'No session with available messages could be locked in time.');
    }, waitMs);
    timer.unref();
    this.waiters.push({ sender, queue, mode, timer, ready });
  }

  /** A queue has new messages: hand free sessions to waiting receivers. */
  offer(queue: MessageQueue): void {
    for (const waiter of this.waiters.filter((w) => w.queue === queue)) {
      if (!this.tryNext(waiter.sender, queue, waiter.mode, waiter.ready)) return;
      this.forget(waiter.sender);
      releaseAttach(waiter.sender);
    }
  }

  /** The client gave up on a held attach. */
  forget(sender: Sender): void {
    const waiter = this.waiters.find((w) => w.sender === sender);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.waiters = this.waiters.filter((w) => w !== waiter);
  }

  /** The connection dropped: its held attaches will never be answered. */
  forgetConnection(connection: Connection): void {
    for (const waiter of this.waiters.filter((w) => w.sender.connection === connection)) this.forget(waiter.sender);
  }

  close(): void {
    for (const waiter of this.waiters) clearTimeout(waiter.timer);
    this.waiters = [];
  }

  private tryNext(sender: Sender, queue: MessageQueue, mode: ReceiveMode, ready: (c: Consumer) => void): boolean {
    const sessionId = queue.nextFreeSession();
    if (sessionId === undefined) return false;
    const consumer = new Consumer(sender, queue, mode, sessionId, this.now);
    const until = queue.sessions.acquire(sessionId, consumer, this.now());
    if (until === undefined) return false;
    grant(sender, sessionId, until);
    ready(consumer);
    return true;
  }
}

function grant(sender: Sender, sessionId: string, untilMs: number): void {
  sender.set_source({ address: String(sender.source?.address ?? ''), filter: { [SESSION_FILTER]: sessionId } });
  setAttachFields(sender, { properties: { 'com.microsoft:locked-until-utc': ticksLong(untilMs) } });
}
