import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger';

declare module 'express-serve-static-core' {
  interface Request {
    log: Logger;
    id: string;
  }
}

const REQUEST_ID = /^[\w.-]{1,128}$/;

/**
 * A request id (the caller's when it is sane) and a child logger carrying it on every line. The
 * child is made on first use: most webhook requests log nothing, and at thousands a second the
 * allocation shows.
 */
export function requestContext(logger: Logger): RequestHandler {
  const timed = logger.isLevelEnabled('debug');
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ requestId: id })) });
    res.setHeader('x-request-id', id);
    if (timed) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        req.log.debug({ method: req.method, path: req.path, status: res.statusCode, ms }, 'request');
      });
    }
    next();
  };
}
