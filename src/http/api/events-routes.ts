import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../../store/store';
import { validateInput } from '../../tasks/validate-input';

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) });

/** `/api/events`: what arrived, and what became of it. */
export function eventsRoutes(store: Store): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { limit } = validateInput(listQuery, req.query);
    res.json(await store.recentEvents(limit));
  });
  return router;
}
