import { retryAfterMs } from './retry-after-ms';

const NOW = new Date('2026-03-01T12:00:00.000Z');

describe('retryAfterMs', () => {
  it.each([
    ['120', 120_000],
    [' 3 ', 3_000],
    ['0', 0],
    ['Sun, 01 Mar 2026 12:00:30 GMT', 30_000],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    const ms = retryAfterMs(value, NOW);

    expect(ms).toBe(expected);
  });
});
