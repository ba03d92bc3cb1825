import express, { Router, type Request, type Response } from 'express';
import type { WebhookSourceName } from '../config';
import { CascadeError } from '../errors';
import type { IgnoredEvent, ImagePushed } from '../core/image-pushed';
import type { AppendResult } from '../store/store';
import type { WebhookRequest, WebhookSource } from '../webhooks';

export interface WebhookRoutesDeps {
  readonly sources: Readonly<Record<WebhookSourceName, WebhookSource>>;
  /** Null: the source is disabled and answers 404. */
  readonly secrets: Readonly<Record<WebhookSourceName, string | null>>;
  /** Stores one delivery's events before the answer (a group-committing batcher in production). */
  readonly append: (events: readonly ImagePushed[], ignored: readonly IgnoredEvent[]) => Promise<AppendResult>;
  /** Called after events were stored: processing happens after the answer, never before. */
  readonly onEventsStored: () => void;
  readonly now?: () => Date;
}

// Any content type and no content type alike: each source checks its own after authentication.
const rawBody = express.raw({ type: () => true, limit: '1mb' });

/**
 * `POST /webhooks/<source>` (and `OPTIONS` for the CloudEvents handshake): authenticate the raw
 * bytes, parse and normalise, store, then answer 202 (DESIGN.md §3, STYLE.md habits 1–2).
 */
export function webhookRoutes(deps: WebhookRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  async function receive(req: Request, res: Response): Promise<void> {
    const name = String(req.params.source) as WebhookSourceName;
    const source = Object.hasOwn(deps.sources, name) ? deps.sources[name] : undefined;
    const secret = source ? deps.secrets[name] : null;
    if (!source || !secret) throw new CascadeError('NOT_FOUND', `no webhook endpoint ${req.path}`);
    const request: WebhookRequest = {
      method: req.method,
      headers: req.headers as Record<string, string | undefined>,
      query: Object.fromEntries(Object.entries(req.query).map(([key, value]) => [key, typeof value === 'string' ? value : undefined])),
      rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      receivedAt: now().toISOString(),
    };
    if (!source.authenticate(request, secret)) throw new CascadeError('UNAUTHENTICATED', `the ${name} webhook secret is missing or wrong`);
    const outcome = source.parse(request);
    if (outcome.kind === 'handshake') {
      res.status(outcome.status).set(outcome.headers);
      if (outcome.body === null) res.end();
      else res.json(outcome.body);
      return;
    }
    const { stored, duplicates } = await deps.append(outcome.events, outcome.ignored);
    req.log.info({ source: name, accepted: outcome.events.map((e) => e.eventId), ignored: outcome.ignored.length, duplicates }, 'webhook stored');
    res.status(202).json({ accepted: outcome.events.length, ignored: outcome.ignored.length, duplicates, stored });
    if (stored > 0) deps.onEventsStored();
  }

  router.post('/:source', rawBody, receive);
  router.options('/:source', rawBody, receive);
  return router;
}
