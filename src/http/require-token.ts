import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CascadeError } from '../errors';
import { secretEquals } from '../secrets/secret-equals';

/** `Authorization: Bearer <token>` or 401 UNAUTHENTICATED; `who` names the token in the message. */
export function requireToken(tokens: readonly string[], who: string): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    const presented = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const ok = tokens.some((token) => secretEquals(presented, token));
    next(ok ? undefined : new CascadeError('UNAUTHENTICATED', `send the ${who} token as "Authorization: Bearer <token>"`));
  };
}
