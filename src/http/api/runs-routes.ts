import { Router } from 'express';
import { z } from 'zod';
import { CascadeError } from '../../errors';
import type { Store } from '../../store/store';
import { validateInput } from '../../tasks/validate-input';
import { runView } from './run-view';

const listQuery = z.object({
  task: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

/** `/api/runs`: `cascade task list-runs` and `show-run`. */
export function runsRoutes(store: Store): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = validateInput(listQuery, req.query);
    const runs = await store.listRuns({ limit: query.limit, ...(query.task ? { taskName: query.task } : {}) });
    res.json(runs.map(runView));
  });
  router.get('/:id', async (req, res) => {
    const run = await store.getRun(req.params.id);
    if (!run) throw new CascadeError('RUN_NOT_FOUND', `no run with id "${req.params.id}"`);
    res.json(runView(run));
  });
  return router;
}
