import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Run } from '../../core/run';
import type { Store } from '../../store/store';
import { validateInput } from '../../tasks/validate-input';
import { jsonBody } from '../json-body';
import { runView } from './run-view';

const digest = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'expected sha256:<64 hex>');
const dependency = z.object({
  type: z.enum(['RunTime', 'BuildTime']), ref: z.string().min(1), registry: z.string().min(1), repository: z.string().min(1),
  tag: z.string().min(1), digest: digest.nullable(), platform: z.string().nullable(),
  // Issue 6 §2: the child digest of each platform built, when the base is an index.
  platformDigests: z.record(z.string().min(1).max(64), digest).optional(),
}).strict();
const resultBody = z.object({
  status: z.enum(['Succeeded', 'Failed', 'Error', 'Timeout', 'Canceled']),
  reason: z.string().max(4096).nullable().default(null),
  outputImages: z.array(z.object({ ref: z.string().min(1), digest }).strict()).max(64).default([]),
  dependencies: z.array(dependency).max(256).nullable().default(null),
  log: z.string().max(8 * 1024 * 1024).default(''),
}).strict();
const startBody = z.object({ agent: z.string().min(1).max(256) }).strict();
const statusBody = z.object({ status: z.literal('Running') }).strict();

/** The last lines of a build log, kept with the run for `show-run` and the dashboard. */
export function logTail(log: string, lines = 40, maxChars = 8192): string {
  return log.split('\n').slice(-lines).join('\n').slice(-maxChars);
}

/**
 * What build agents tell the server about a run: taken, running, finished (DESIGN.md §6). The
 * report is stored before the agent settles its message, so nothing it did is lost.
 */
export function runReportRoutes(store: Store, agentGuard: RequestHandler, onRunFinished: (run: Run) => Promise<void>, now: () => Date = () => new Date()): Router {
  const router = Router();
  router.post('/:id/start', agentGuard, jsonBody, async (req, res) => {
    const { agent } = validateInput(startBody, req.body);
    res.json(runView(await store.startRun(String(req.params.id), agent, now())));
  });
  router.post('/:id/status', agentGuard, jsonBody, async (req, res) => {
    validateInput(statusBody, req.body);
    await store.setRunStatus(String(req.params.id), 'Running');
    res.status(204).end();
  });
  router.post('/:id/result', agentGuard, jsonBody, async (req, res) => {
    const body = validateInput(resultBody, req.body);
    const run = await store.finishRun(String(req.params.id), { ...body, logTail: logTail(body.log) }, now());
    req.log.info({ runId: run.id, task: run.taskName, status: run.status, outputs: body.outputImages.length }, 'run finished');
    res.json(runView(run));
    await onRunFinished(run).catch((error: unknown) => req.log.error({ err: error, runId: run.id }, 'releasing deferred runs failed'));
  });
  return router;
}
