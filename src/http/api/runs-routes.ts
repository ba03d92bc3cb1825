import { Router } from 'express';
import { z } from 'zod';
import { CascadeError } from '../../errors';
import type { Store } from '../../store/store';
import { validateInput } from '../../tasks/validate-input';
import { outcomeView, runView } from './run-view';

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
    res.json({ ...runView(run), ...outcomeView(await store.getRunOutcome(run.id)) });
  });
  router.get('/:id/log', async (req, res) => {
    const log = await store.getRunLog(req.params.id);
    if (log === null) throw new CascadeError('RUN_NOT_FOUND', `no log for run "${req.params.id}" (unknown, or not finished)`);
    res.type('text/plain').send(log);
  });
  return router;
}
