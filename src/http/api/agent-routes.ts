import { Router } from 'express';
import { z } from 'zod';
import type { Consumer } from '../../transport/transport';
import { validateInput } from '../../tasks/validate-input';
import { jsonBody } from '../json-body';

const receiveBody = z.object({
  pool: z.string().min(1).max(128).nullable().default(null),
  max: z.number().int().min(1).max(32).default(1),
  waitMs: z.number().int().min(0).max(60_000).default(20_000),
}).strict();
const deadLetterBody = z.object({ reason: z.string().min(1).max(256), description: z.string().max(4096).default('') }).strict();
const lockToken = z.string().regex(/^[0-9a-f-]{36}$/, 'not a lock token');

/**
 * `/api/agent`: the local queue for agents in other processes (DESIGN.md §5) — a long-poll
 * receive with peek-lock, and settlement by lock token.
 */
export function agentRoutes(consumer: Consumer): Router {
  const router = Router();
  router.post('/receive', jsonBody, async (req, res) => {
    const body = validateInput(receiveBody, req.body);
    const messages = await consumer.receive(body);
    res.json({ messages });
  });
  router.post('/messages/:lockToken/complete', async (req, res) => {
    await consumer.complete(validateInput(lockToken, req.params.lockToken));
    res.status(204).end();
  });
  router.post('/messages/:lockToken/abandon', async (req, res) => {
    await consumer.abandon(validateInput(lockToken, req.params.lockToken));
    res.status(204).end();
  });
  router.post('/messages/:lockToken/dead-letter', jsonBody, async (req, res) => {
    const body = validateInput(deadLetterBody, req.body);
    await consumer.deadLetter(validateInput(lockToken, req.params.lockToken), body.reason, body.description);
    res.status(204).end();
  });
  router.post('/messages/:lockToken/renew', async (req, res) => {
    res.json({ lockedUntil: await consumer.renewLock(validateInput(lockToken, req.params.lockToken)) });
  });
  return router;
}
