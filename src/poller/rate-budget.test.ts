import { createRateBudget } from './rate-budget';

const hub = (remaining: number, extra: { retryAfterSeconds?: number } = {}) => ({ limit: 100, remaining, windowSeconds: 21600, retryAfterSeconds: extra.retryAfterSeconds ?? null });

type Budget = ReturnType<typeof createRateBudget>;

/** Acquires until refused; returns the tickets granted. */
function drain(budget: Budget, now: number): number[] {
  const tickets: number[] = [];
  for (let ticket = budget.tryAcquire(now); ticket !== null && tickets.length < 1000; ticket = budget.tryAcquire(now)) tickets.push(ticket);
  return tickets;
}

/** One request, answered with `rateLimit`. */
function answered(budget: Budget, rateLimit: Parameters<Budget['settle']>[1], now: number): void {
  budget.settle(budget.tryAcquire(now)!, rateLimit, now);
}

describe('createRateBudget', () => {
  it('grants requests freely while the registry announces no limit', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });

    expect(drain(budget, 0)).toHaveLength(1000);
    expect(budget.snapshot(0)).toEqual({ limit: null, remaining: null, windowSeconds: null, reserve: 0, pausedUntil: null });
  });

  it('keeps a tenth of Docker Hub\'s 100 in reserve, counting requests in flight', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    answered(budget, hub(15), 0);

    const granted = drain(budget, 0);

    expect(granted).toHaveLength(5);
    expect(budget.snapshot(0)).toMatchObject({ limit: 100, remaining: 15, windowSeconds: 21600, reserve: 10 });
  });

  it('pauses for the whole window when an answer brings the remainder down to the reserve', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });

    answered(budget, hub(10), 1_000);

    expect(budget.tryAcquire(1_000)).toBeNull();
    expect(budget.pausedUntil(1_000)).toBe(1_000 + 21_600_000);
    expect(budget.snapshot(1_000).pausedUntil).toBe(new Date(1_000 + 21_600_000).toISOString());
  });

  it('pauses until RateLimit-Reset / Retry-After when the registry names it', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });

    answered(budget, hub(3, { retryAfterSeconds: 90 }), 0);

    expect(budget.pausedUntil(0)).toBe(90_000);
  });

  it('pauses for the fallback when the registry names neither window nor reset', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });

    answered(budget, { limit: 10, remaining: 1, windowSeconds: null, retryAfterSeconds: null }, 0);

    expect(budget.pausedUntil(0)).toBe(60_000);
  });

  it('forgets the old remainder once a pause is over, so the next answer can tell the new one', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    answered(budget, hub(10, { retryAfterSeconds: 5 }), 0);

    const during = budget.tryAcquire(4_999);
    const after = budget.tryAcquire(5_000);
    budget.settle(after!, hub(100), 5_000);

    expect(during).toBeNull();
    expect(drain(budget, 5_000)).toHaveLength(90);
  });

  it('counts nothing down after an answer without rate-limit headers', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    answered(budget, hub(12), 0);

    answered(budget, undefined, 0);

    expect(budget.snapshot(0).remaining).toBeNull();
    expect(drain(budget, 0)).toHaveLength(1000);
  });

  it('lets an answer that was overtaken lower the remainder, never raise it', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });
    answered(budget, hub(50), 0);
    const [older, newer, newest] = drain(budget, 0);

    budget.settle(newer!, hub(40), 0);
    budget.settle(older!, hub(41), 0);
    const afterRaise = budget.snapshot(0).remaining;
    budget.settle(newest!, hub(39), 0);

    expect(afterRaise).toBe(40);
    expect(budget.snapshot(0).remaining).toBe(39);
  });

  it('keeps a pause asked for (backoff) unless a longer one is already running', () => {
    const budget = createRateBudget({ fallbackPauseMs: 60_000 });

    budget.pause(10_000);
    budget.pause(5_000);

    expect(budget.pausedUntil(0)).toBe(10_000);
    expect(budget.pausedUntil(10_000)).toBeNull();
  });
});
