import { parseRateLimit } from './rate-limit';

describe('parseRateLimit', () => {
  it('reads Docker Hub headers with their window', () => {
    const headers = new Headers({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600' });

    expect(parseRateLimit(headers)).toEqual({ limit: 100, remaining: 76, windowSeconds: 21600, retryAfterSeconds: null });
  });

  it('reads Retry-After in seconds', () => {
    expect(parseRateLimit(new Headers({ 'retry-after': '30' }))?.retryAfterSeconds).toBe(30);
  });

  it('reads Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');

    const parsed = parseRateLimit(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:01:00 GMT' }), now);

    expect(parsed?.retryAfterSeconds).toBe(60);
  });

  it('falls back to RateLimit-Reset', () => {
    expect(parseRateLimit(new Headers({ 'ratelimit-reset': '12', 'ratelimit-remaining': '0' }))).toEqual({
      limit: null, remaining: 0, windowSeconds: null, retryAfterSeconds: 12,
    });
  });

  it.each([[{}], [{ 'ratelimit-limit': 'lots' }], [{ 'retry-after': 'soon' }]])('ignores absent or garbled headers %j', (raw) => {
    expect(parseRateLimit(new Headers(raw))).toBeUndefined();
  });
});
