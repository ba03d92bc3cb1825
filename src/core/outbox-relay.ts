import { isCascadeError } from '../errors';
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import type { Publisher } from '../transport/transport';
import { backoffMs } from './backoff';
import { releaseDeferredRuns } from './release-deferred-runs';

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
  const health: RelayHealth = { lastError: null, lastErrorAt: null, lastSentAt: null, consecutiveFailures: 0 };
  return {
    /** For `cascade status`: the last publish error (kept after recovery, with its time) and the last success. */
    health: (): RelayHealth => ({ ...health }),
    /** Publishes one batch; returns how many messages were sent. */
    async relayOnce(): Promise<number> {
      const rows = await deps.store.claimOutbox(deps.batchSize ?? 100, now(), deps.leaseMs ?? 5_000);
      if (rows.length === 0) return 0;
      const seqs = rows.map((row) => row.seq);
      try {
        await deps.publisher.publish(rows);
      } catch (error) {
        health.lastError = isCascadeError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
        health.lastErrorAt = now().toISOString();
        const refused = refusedForGood(error);
        if (refused.length > 0) {
          // The others were sent: the publisher sends what fits and then names what never will.
          const failed = rows.filter((row) => refused.includes(row.messageId));
          await deps.store.failOutbox(failed.map((row) => row.seq), health.lastError, now());
          await deps.store.markSent(rows.filter((row) => !refused.includes(row.messageId)).map((row) => row.seq), now());
          deps.logger.error({ reason: health.lastError, runs: failed.map((row) => row.runId) }, 'messages refused by the transport for good; their runs end in Error');
          // As for a failed build: runs of its wave that waited for its push are released now.
          const released = await releaseAfterFailures(deps.store, failed.map((row) => row.runId));
          return rows.length - failed.length + released;
        }
        health.consecutiveFailures += 1;
        const attempts = Math.max(...rows.map((row) => row.attempts));
        const retryAt = new Date(now().getTime() + backoffMs(attempts, deps.retryBaseMs ?? 1_000, deps.retryMaxMs ?? 60_000));
        const reason = health.lastError;
        await deps.store.releaseOutbox(seqs, retryAt, reason);
        deps.logger.warn({ reason, messages: rows.length, retryAt }, 'publish failed; will retry');
        return 0;
      }
      await deps.store.markSent(seqs, now());
      health.lastSentAt = now().toISOString();
      health.consecutiveFailures = 0;
      deps.logger.debug({ messages: rows.length, runs: rows.map((row) => row.runId) }, 'published');
      return rows.length;
    },
  };
}

export interface RelayHealth {
  lastError: string | null;
  lastErrorAt: string | null;
  lastSentAt: string | null;
  /** Publishes failed in a row since the last success (0: healthy). */
  consecutiveFailures: number;
}

/** Message ids the transport will never take (DISPATCH_MESSAGE_TOO_LARGE names them). */
function refusedForGood(error: unknown): string[] {
  if (!isCascadeError(error) || error.code !== 'DISPATCH_MESSAGE_TOO_LARGE') return [];
  const ids = error.details?.messageIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** Releases the deferred runs of each ended run; returns how many new runs (and messages) that made. */
async function releaseAfterFailures(store: Store, runIds: readonly string[]): Promise<number> {
  let released = 0;
  for (const id of runIds) {
    const run = await store.getRun(id);
    if (run) released += (await releaseDeferredRuns(store, run)).length;
  }
  return released;
}
