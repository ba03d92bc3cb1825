import { Router } from 'express';
import type { Registry } from 'prom-client';

/**
 * `GET /metrics` in the Prometheus text format (DESIGN.md §7). Unauthenticated, as scrapers
 * expect: it carries counts and registry hosts, no secrets; bind to 127.0.0.1 or filter it at
 * the proxy when Cascade listens publicly.
 */
export function metricsRoutes(register: Registry): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.type(register.contentType).send(await register.metrics());
  });
  return router;
}
