import { Router } from 'express';
import type { RelayHealth } from '../../core/outbox-relay';
import { isCascadeError } from '../../errors';
import type { RegistryWatchStatus } from '../../poller';
import type { LocalQueueStore } from '../../store/local-queue-store';
import type { Store } from '../../store/store';
import type { TransportAdmin } from '../../transport/transport';

export interface StatusDeps {
  readonly store: Store;
  readonly admin: TransportAdmin;
  /** The embedded queue, when it is the transport: its locked and completed counts too. */
  readonly localQueue: LocalQueueStore | null;
  readonly relayHealth: () => RelayHealth;
  /** Each configured registry: watch mode, rate-limit budget, last and next poll, missed notifications. */
  readonly registries?: () => readonly RegistryWatchStatus[];
  readonly now?: () => Date;
}

/**
 * `/api/status`, for `cascade status`: outbox depth and lag, the relay's last error, per queue (or
 * subscription) the active, dead-letter and scheduled counts, and the newest dead letters.
 */
export function statusRoutes(deps: StatusDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = Router();
  router.get('/', async (_req, res) => {
    const at = now();
    const [outbox, queueStats, queues, deadLetters] = await Promise.all([
      deps.store.outboxDepth(at),
      deps.localQueue ? deps.localQueue.stats(at) : Promise.resolve(null),
      deps.admin.queueCounts(),
      deps.admin.deadLetters(10).then((list) => ({ list, error: null }), (error: unknown) => ({
        list: [],
        error: isCascadeError(error) ? `${error.code}: ${error.message}` : (error as Error).message,
      })),
    ]);
    res.json({
      time: at.toISOString(),
      transport: deps.admin.kind,
      outbox,
      relay: deps.relayHealth(),
      queue: queueStats,
      queues,
      recentDeadLetters: deadLetters.list.map(({ body: _body, ...rest }) => rest),
      deadLetterError: deadLetters.error,
      registries: deps.registries?.() ?? [],
    });
  });
  return router;
}
