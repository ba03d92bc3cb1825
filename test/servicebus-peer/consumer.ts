import { message as amqpMessage, type Delivery, type Sender } from 'rhea';
import { deliveryMessage } from './delivery-message';
import type { MessageQueue, Settled } from './message-queue';
import { answerDrainAlways, deliveryLimit, forgetSettledDelivery, isDraining } from './rhea-internals';
import type { SessionHolder } from './session-table';

export type ReceiveMode = 'peekLock' | 'receiveAndDelete';

/** The remote outcome of a delivery, as rhea unwraps it. */
interface Outcome {
  undeliverable_here?: boolean;
  message_annotations?: Record<string, unknown>;
  error?: { condition?: string; description?: string; info?: Record<string, unknown> };
}

const LOCK_LOST = { condition: 'com.microsoft:message-lock-lost', description: 'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.' };

/** A session's messages are locked by the session: Service Bus reports the session's lock as lost. */
const SESSION_LOCK_LOST = { condition: 'com.microsoft:session-lock-lost', description: 'The session lock has expired or was released.' };

/**
 * The peer's end of a client receiver link on a queue, subscription or dead-letter queue:
 * delivers within the client's credit, answers its drain, and turns dispositions into
 * complete / abandon / defer / dead-letter.
 */
export class Consumer implements SessionHolder {
  private sent = 0;
  private readonly locks = new Map<Delivery, string>();

  constructor(
    readonly sender: Sender,
    readonly queue: MessageQueue,
    readonly mode: ReceiveMode,
    readonly sessionId: string | undefined,
    private readonly now: () => number,
  ) {
    answerDrainAlways(sender);
  }

  /** Sends what the credit allows; then, if the client asked for a drain, gives up the rest. */
  onFlow(): void {
    this.pump();
    if (isDraining(this.sender)) {
      this.sent = deliveryLimit(this.sender);
      this.sender.set_drained(true);
    }
  }

  /** `sendable()` also stops at rhea's limit of unsettled deliveries per session; rhea emits 'sendable' when room frees up. */
  pump(): void {
    while (this.sender.is_open() && this.sent < deliveryLimit(this.sender) && this.sender.sendable()) {
      const stored = this.queue.take(this.mode, this.now(), this.sessionId);
      if (!stored) return;
      const message = deliveryMessage(stored, stored.deliveries - 1);
      const delivery = this.sender.send(message, stored.lock?.token.tag ?? Buffer.from(stored.seq.toString()));
      this.sent += 1;
      if (stored.lock) this.locks.set(delivery, stored.lock.token.id);
    }
  }

  /** A disposition from the client: settle the message, then the delivery. */
  onOutcome(delivery: Delivery, kind: 'accepted' | 'modified' | 'rejected' | 'released'): void {
    const lockId = this.locks.get(delivery);
    this.locks.delete(delivery);
    const outcome = (delivery.remote_state ?? {}) as Outcome;
    const result: Settled = lockId === undefined ? 'lock-lost' : this.settle(lockId, kind, outcome);
    const lost = this.sessionId === undefined ? LOCK_LOST : SESSION_LOCK_LOST;
    delivery.update(true, result === 'ok' ? acceptedState() : rejectedState(lost));
    forgetSettledDelivery(delivery);
  }

  sessionLockLost(sessionId: string): void {
    this.sender.close({ condition: 'com.microsoft:session-lock-lost', description: `The session lock on '${sessionId}' has expired.` });
  }

  /** The link is gone: its session lock goes with it (message locks run until they expire). */
  closed(): void {
    if (this.sessionId !== undefined) this.queue.releaseSession(this.sessionId, this);
    this.locks.clear();
  }

  private settle(lockId: string, kind: 'accepted' | 'modified' | 'rejected' | 'released', outcome: Outcome): Settled {
    if (kind === 'accepted') return this.queue.complete(lockId);
    if (kind === 'released') return this.queue.abandon(lockId);
    if (kind === 'modified') {
      return outcome.undeliverable_here
        ? this.queue.defer(lockId, outcome.message_annotations)
        : this.queue.abandon(lockId, outcome.message_annotations);
    }
    const info = outcome.error?.info ?? {};
    return this.queue.deadLetter(lockId, {
      ...info,
      DeadLetterReason: info['DeadLetterReason'] ?? outcome.error?.description,
      DeadLetterErrorDescription: info['DeadLetterErrorDescription'],
    });
  }
}

type OutcomeFactory = (fields?: Record<string, unknown>) => { described(): unknown };

/** rhea builds its outcome constructors at runtime; its typings do not list them. */
const outcomes = amqpMessage as unknown as { accepted: OutcomeFactory; rejected: OutcomeFactory };

function acceptedState(): unknown {
  return outcomes.accepted().described();
}

function rejectedState(error: { condition: string; description: string }): unknown {
  return outcomes.rejected({ error }).described();
}
