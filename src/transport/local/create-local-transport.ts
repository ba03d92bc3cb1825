import { CascadeError } from '../../errors';
import type { LocalQueueStore } from '../../store/local-queue-store';
import type { Consumer, Publisher, ReceivedMessage } from '../transport';

export interface LocalTransportDeps {
  readonly queue: LocalQueueStore;
  /** How long a received message stays locked (Service Bus' default is 60 s). */
  readonly lockMs: number;
  /** Deliveries before a message is dead-lettered (Service Bus' default is 10). */
  readonly maxDeliveries: number;
  readonly now?: () => Date;
  /** How often a waiting receive looks again when not woken by a publish. */
  readonly pollMs?: number;
}

/** The embedded transport: a durable queue in the same store, with Service Bus' peek-lock rules. */
export function createLocalTransport(deps: LocalTransportDeps): Publisher & Consumer {
  const now = deps.now ?? (() => new Date());
  const waiters = new Set<() => void>();
  let closed = false;

  const lost = (lockToken: string) => new CascadeError('LOCK_LOST', `the lock ${lockToken} expired or is unknown; the message will be redelivered`);
  const settle = async (ok: Promise<boolean>, lockToken: string) => {
    if (!(await ok)) throw lost(lockToken);
  };

  async function receiveNow(pool: string | null, max: number): Promise<ReceivedMessage[]> {
    return deps.queue.receive({ pool, max, lockMs: deps.lockMs, maxDeliveries: deps.maxDeliveries, now: now() });
  }

  return {
    async publish(messages) {
      await deps.queue.enqueue(messages, now());
      for (const wake of waiters) wake();
    },
    async receive({ pool, max, waitMs }) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const messages = await receiveNow(pool, max);
        const left = deadline - Date.now();
        if (messages.length > 0 || left <= 0 || closed) return messages;
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, Math.min(left, deps.pollMs ?? 1000));
          waiters.add(wake);
        });
      }
    },
    complete: (lockToken) => settle(deps.queue.complete(lockToken, now()), lockToken),
    abandon: (lockToken) => settle(deps.queue.abandon(lockToken, now()), lockToken),
    deadLetter: (lockToken, reason, description) => settle(deps.queue.deadLetter(lockToken, reason, description, now()), lockToken),
    async renewLock(lockToken) {
      const until = await deps.queue.renewLock(lockToken, deps.lockMs, now());
      if (until === null) throw lost(lockToken);
      return until;
    },
    async close() {
      closed = true;
      for (const wake of waiters) wake();
    },
  };
}
