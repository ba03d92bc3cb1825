import type { NextFunction, Request, Response } from 'express';
import { CascadeError, errorBody, isCascadeError } from '../errors';

/** body-parser's failures, by their `type`, as our codes: bad input is a 4xx, never a 500. */
const BODY_ERRORS: Record<string, () => CascadeError> = {
  'entity.too.large': () => new CascadeError('PAYLOAD_TOO_LARGE', 'the request body is larger than 1 MiB'),
  'encoding.unsupported': () => new CascadeError('UNSUPPORTED_MEDIA_TYPE', 'the request body encoding is not supported'),
  'charset.unsupported': () => new CascadeError('UNSUPPORTED_MEDIA_TYPE', 'the request body charset is not supported'),
  'entity.parse.failed': () => new CascadeError('INVALID_REQUEST', 'the request body is not valid JSON'),
  'request.aborted': () => new CascadeError('INVALID_REQUEST', 'the request was aborted'),
  'entity.verify.failed': () => new CascadeError('INVALID_REQUEST', 'the request body could not be verified'),
};

export function toCascadeError(error: unknown): CascadeError {
  if (isCascadeError(error)) return error;
  const type = (error as { type?: unknown } | null)?.type;
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known) return known();
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new CascadeError('INVALID_REQUEST', 'the request could not be read', { cause: error });
  }
  return new CascadeError('INTERNAL', 'internal error', { cause: error });
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new CascadeError('NOT_FOUND', `no route for ${req.method} ${req.path}`));
}

// Express recognises an error handler by its four parameters.
export function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  const cascadeError = toCascadeError(error);
  const status = cascadeError.httpStatus;
  if (status >= 500) req.log.error({ err: error }, 'request failed');
  else req.log.info({ code: cascadeError.code, status }, 'request refused');
  if (res.headersSent) return;
  res.status(status).json(errorBody(cascadeError));
}
