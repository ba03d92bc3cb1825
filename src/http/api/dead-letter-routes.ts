import { Router } from 'express';
import { z } from 'zod';
import { validateInput } from '../../tasks/validate-input';
import type { TransportAdmin } from '../../transport/transport';
import { jsonBody } from '../json-body';

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(250).default(50) }).strict();
const resubmitBody = z.union([
  z.object({ messageIds: z.array(z.string().min(1).max(256)).min(1).max(1000) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

/** `/api/dead-letters`, for `cascade dlq`: rebuilds that failed for good, and sending them again. */
export function deadLetterRoutes(admin: TransportAdmin): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { limit } = validateInput(listQuery, req.query);
    res.json({ transport: admin.kind, deadLetters: await admin.deadLetters(limit) });
  });
  router.post('/resubmit', jsonBody, async (req, res) => {
    const body = validateInput(resubmitBody, req.body);
    res.json({ resubmitted: await admin.resubmit('all' in body ? 'all' : body.messageIds) });
  });
  return router;
}
