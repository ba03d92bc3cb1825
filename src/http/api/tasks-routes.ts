import { Router } from 'express';
import type { TaskService } from '../../tasks/create-task-service';
import { jsonBody } from '../json-body';
import { runView } from './run-view';
import { taskView } from './task-view';

/** `/api/tasks`: the REST face of `cascade task …`. */
export function tasksRoutes(tasks: TaskService): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json((await tasks.list()).map(taskView));
  });
  router.post('/', jsonBody, async (req, res) => {
    const task = await tasks.create(req.body);
    req.log.info({ task: task.name, dependencies: task.dependencies.length }, 'task created');
    res.status(201).json(taskView(task));
  });
  router.get('/:name', async (req, res) => {
    res.json(taskView(await tasks.get(String(req.params.name))));
  });
  router.patch('/:name', jsonBody, async (req, res) => {
    const task = await tasks.update(String(req.params.name), req.body);
    req.log.info({ task: task.name }, 'task updated');
    res.json(taskView(task));
  });
  router.delete('/:name', async (req, res) => {
    await tasks.remove(req.params.name);
    req.log.info({ task: req.params.name }, 'task deleted');
    res.status(204).end();
  });
  router.post('/:name/runs', async (req, res) => {
    const run = await tasks.run(req.params.name);
    req.log.info({ task: run.taskName, runId: run.id }, 'manual run queued');
    res.status(202).json(runView(run));
  });
  return router;
}
