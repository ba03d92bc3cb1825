import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CascadeError, ERROR_CODES, ERROR_STATUS, errorBody, isCascadeError } from './errors';

const docs = readFileSync(join(__dirname, '..', 'docs', 'errors.md'), 'utf8');
const documented = new Map(
  [...docs.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]),
);

describe('error codes', () => {
  it.each(ERROR_CODES)('%s is documented in docs/errors.md with its HTTP status', (code) => {
    expect(documented.get(code)).toBe(ERROR_STATUS[code]);
  });

  it('documents no code that does not exist', () => {
    expect([...documented.keys()].sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(ERROR_CODES)('%s maps to a 4xx or 5xx status', (code) => {
    expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
    expect(ERROR_STATUS[code]).toBeLessThan(600);
  });
});

describe('CascadeError', () => {
  it('carries code, retryable, cause and status', () => {
    const cause = new Error('socket hang up');

    const error = new CascadeError('REGISTRY_UNREACHABLE', 'registry down', { cause, retryable: true });

    expect(isCascadeError(error)).toBe(true);
    expect(error.code).toBe('REGISTRY_UNREACHABLE');
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
    expect(error.httpStatus).toBe(502);
  });

  it('is not retryable by default and the body holds only code and message', () => {
    const error = new CascadeError('INVALID_REQUEST', 'bad', { details: { secret: 'x' } });

    expect(error.retryable).toBe(false);
    expect(errorBody(error)).toEqual({ error: { code: 'INVALID_REQUEST', message: 'bad' } });
  });

  it('is not confused with plain errors', () => {
    expect(isCascadeError(new Error('x'))).toBe(false);
  });
});
