import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from '../logger';
import { errorHandler, notFoundHandler } from './error-handler';
import { requestContext } from './request-context';

export interface Readiness {
  /** Names of dependencies that are not ready; empty when the service can take work. */
  notReady(): Promise<string[]>;
}

/** A router mounted at a path, behind optional guards (token checks). */
export interface Mount {
  readonly path: string;
  readonly guards?: readonly RequestHandler[];
  readonly router: Router;
}

export interface AppDeps {
  readonly logger: Logger;
  readonly readiness: Readiness;
  readonly mounts?: readonly Mount[];
}

/** The Express adapter: thin, so the core stays framework-free (STYLE.md, octokit/webhooks.js). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestContext(deps.logger));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const pending = await deps.readiness.notReady();
    res.status(pending.length === 0 ? 200 : 503).json({ status: pending.length === 0 ? 'ready' : 'not-ready', pending });
  });

  for (const mount of deps.mounts ?? []) app.use(mount.path, ...(mount.guards ?? []), mount.router);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
