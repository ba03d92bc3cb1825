import express, { type NextFunction, type Request, type Response } from 'express';
import { CascadeError } from '../errors';

const parseJson = express.json({ limit: '1mb', type: () => true });

/** JSON request bodies: 415 for another content type, 400 for broken JSON, 413 over 1 MiB. */
export function jsonBody(req: Request, res: Response, next: NextFunction): void {
  const length = Number(req.get('content-length') ?? 0);
  const hasBody = length > 0 || req.get('transfer-encoding') !== undefined;
  if (!hasBody) {
    req.body = {};
    return next();
  }
  if (!req.is(['application/json', 'application/*+json'])) {
    return next(new CascadeError('UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json'));
  }
  parseJson(req, res, next);
}
