import { isCascadeError } from '../errors';
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import type { Publisher } from '../transport/transport';
import { backoffMs } from './backoff';

export interface OutboxRelayDeps {
  readonly store: Store;
  readonly publisher: Publisher;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly batchSize?: number;
  /**
   * How long a claimed batch is reserved for this relay before another may take it. Short: a relay
   * that died mid-publish delays its batch by this much, and a resend is dropped by message id.
   */
  readonly leaseMs?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
}

/**
 * Drains the outbox to the transport in batches (DESIGN.md §4). A row is marked sent only after
 * the transport took it; a crash in between resends it, and the message id makes that harmless.
 */
export function createOutboxRelay(deps: OutboxRelayDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    /** Publishes one batch; returns how many messages were sent. */
    async relayOnce(): Promise<number> {
      const rows = await deps.store.claimOutbox(deps.batchSize ?? 100, now(), deps.leaseMs ?? 5_000);
      if (rows.length === 0) return 0;
      const seqs = rows.map((row) => row.seq);
      try {
        await deps.publisher.publish(rows);
      } catch (error) {
        const attempts = Math.max(...rows.map((row) => row.attempts));
        const retryAt = new Date(now().getTime() + backoffMs(attempts, deps.retryBaseMs ?? 1_000, deps.retryMaxMs ?? 60_000));
        const reason = isCascadeError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
        await deps.store.releaseOutbox(seqs, retryAt, reason);
        deps.logger.warn({ reason, messages: rows.length, retryAt }, 'publish failed; will retry');
        return 0;
      }
      await deps.store.markSent(seqs, now());
      deps.logger.debug({ messages: rows.length, runs: rows.map((row) => row.runId) }, 'published');
      return rows.length;
    },
  };
}
