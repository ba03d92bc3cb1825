import { createRateBudget } from './rate-budget';

const hub = (remaining: number, extra: { retryAfterSeconds?: number } = {}) => ({ limit: 100, remaining, windowSeconds: 21600, retryAfterSeconds: extra.retryAfterSeconds ?? null });

/** Acquires until refused; returns how many were granted. */
function drain(budget: ReturnType<typeof createRateBudget>, now: number): number {
  let granted = 0;
  while (granted < 1000 && budget.tryAcquire(now)) granted += 1;
  return granted;
}

describe('createRateBudget', () => {
  it('grants requests freely while the registry announces no limit', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });

    expect(drain(budget, 0)).toBe(1000);
    expect(budget.snapshot(0)).toEqual({ limit: null, remaining: null, windowSeconds: null, reserve: 0, pausedUntil: null });
  });

  it('keeps a tenth of Docker Hub\'s 100 in reserve, counting requests in flight', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    budget.tryAcquire(0);
    budget.settle(hub(15), 0);

    const granted = drain(budget, 0);

    expect(granted).toBe(5);
    expect(budget.snapshot(0)).toMatchObject({ limit: 100, remaining: 15, windowSeconds: 21600, reserve: 10 });
  });

  it('pauses for the whole window when an answer brings the remainder down to the reserve', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    budget.tryAcquire(1_000);

    budget.settle(hub(10), 1_000);

    expect(budget.tryAcquire(1_000)).toBe(false);
    expect(budget.pausedUntil(1_000)).toBe(1_000 + 21_600_000);
    expect(budget.snapshot(1_000).pausedUntil).toBe(new Date(1_000 + 21_600_000).toISOString());
  });

  it('pauses until RateLimit-Reset / Retry-After when the registry names it', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    budget.tryAcquire(0);

    budget.settle(hub(3, { retryAfterSeconds: 90 }), 0);

    expect(budget.pausedUntil(0)).toBe(90_000);
  });

  it('pauses for the fallback when the registry names neither window nor reset', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    budget.tryAcquire(0);

    budget.settle({ limit: 10, remaining: 1, windowSeconds: null, retryAfterSeconds: null }, 0);

    expect(budget.pausedUntil(0)).toBe(60_000);
  });

  it('forgets the old remainder once a pause is over, so the next answer can tell the new one', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    budget.tryAcquire(0);
    budget.settle(hub(10, { retryAfterSeconds: 5 }), 0);

    const during = budget.tryAcquire(4_999);
    const after = budget.tryAcquire(5_000);
    budget.settle(hub(100), 5_000);

    expect([during, after]).toEqual([false, true]);
    expect(drain(budget, 5_000)).toBe(90);
  });

  it('counts nothing down after an answer without rate-limit headers', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    budget.tryAcquire(0);
    budget.settle(hub(12), 0);
    budget.tryAcquire(0);

    budget.settle(undefined, 0);

    expect(budget.snapshot(0).remaining).toBeNull();
    expect(drain(budget, 0)).toBe(1000);
  });

  it('keeps a pause asked for (backoff) unless a longer one is already running', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });

    budget.pause(10_000);
    budget.pause(5_000);

    expect(budget.pausedUntil(0)).toBe(10_000);
    expect(budget.pausedUntil(10_000)).toBeNull();
  });
});
