import { Router } from 'express';
import type { LocalQueueStore } from '../../store/local-queue-store';
import type { Store } from '../../store/store';

/** `/api/status`: queue and outbox depth, lag and dead letters, for `cascade status`. */
export function statusRoutes(store: Store, queue: LocalQueueStore | null, now: () => Date = () => new Date()): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const at = now();
    const [outbox, queueStats, deadLetters] = await Promise.all([
      store.outboxDepth(at),
      queue ? queue.stats(at) : Promise.resolve(null),
      queue ? queue.deadLetters(10) : Promise.resolve([]),
    ]);
    res.json({ time: at.toISOString(), outbox, queue: queueStats, recentDeadLetters: deadLetters.map(({ body: _body, ...rest }) => rest) });
  });
  return router;
}
