import { CascadeError } from '../errors';
import { failurePauseMs, judgeFailure } from './failure-backoff';

const rateLimit = { limit: 100, remaining: 0, windowSeconds: 21600, retryAfterSeconds: 30 };

describe('judgeFailure', () => {
  it.each([
    ['a 429', new CascadeError('REGISTRY_RATE_LIMITED', 'x', { retryable: true, details: { rateLimit } }), { backOff: true, rateLimit, outcome: 'rate_limited' }],
    ['a 5xx', new CascadeError('REGISTRY_UNREACHABLE', 'x', { retryable: true }), { backOff: true, rateLimit: undefined, outcome: 'unavailable' }],
    ['a timeout', new CascadeError('REGISTRY_TIMEOUT', 'x', { retryable: true }), { backOff: true, rateLimit: undefined, outcome: 'unavailable' }],
    ['a deleted tag', new CascadeError('REGISTRY_MANIFEST_NOT_FOUND', 'x'), { backOff: false, rateLimit: undefined, outcome: 'failed' }],
    ['refused credentials', new CascadeError('REGISTRY_AUTH_FAILED', 'x'), { backOff: false, rateLimit: undefined, outcome: 'failed' }],
    ['a bug', new TypeError('x'), { backOff: false, rateLimit: undefined, outcome: 'failed' }],
  ])('%s', (_name, error, verdict) => {
    expect(judgeFailure(error)).toEqual(verdict);
  });
});

describe('failurePauseMs', () => {
  it('doubles with each consecutive failure, up to an hour', () => {
    const pauses = [1, 2, 3, 4, 20].map((failures) => failurePauseMs(failures, undefined, () => 1));

    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000, 3_600_000]);
  });

  it('never waits less than Retry-After', () => {
    expect(failurePauseMs(1, rateLimit, () => 1)).toBe(30_000);
    expect(failurePauseMs(7, rateLimit, () => 1)).toBe(64_000);
  });
});
