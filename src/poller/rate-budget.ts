import type { RateLimit } from '../registry';

/** A registry's budget as shown in status (issue 6 §1). */
export interface BudgetSnapshot {
  /** From `RateLimit-Limit`; null until the registry announced one (most never do). */
  readonly limit: number | null;
  /** From `RateLimit-Remaining`, as last announced. */
  readonly remaining: number | null;
  readonly windowSeconds: number | null;
  /** Requests never spent by the poller: they stay for builds' pulls and people. */
  readonly reserve: number;
  /** ISO 8601: no request before this (budget spent down to the reserve, or backing off). */
  readonly pausedUntil: string | null;
}

export interface RateBudgetOptions {
  /** Share of the announced limit kept in reserve (default 0.1; at least one request). */
  readonly reserveFraction?: number;
  /** Pause when the reserve is reached and the registry named no window or reset (ms). */
  readonly fallbackPauseMs: number;
}

/**
 * Per-registry request budget from the `RateLimit-*` headers of the answers (Docker Hub:
 * `RateLimit-Limit: 100;w=21600`). A request may start only while the announced remainder, less
 * the requests still in flight, stays above the reserve; at the reserve, polling pauses until the
 * window resets (`RateLimit-Reset`/`Retry-After` when given, else the whole window). After a
 * pause the old figures are void: the next request learns the current ones (cycles start with one
 * request alone, see `runPollCycle`). Answers overtake each other: an answer to a request sent
 * before the newest one already applied can only lower the remainder, never raise it.
 */
export function createRateBudget(options: RateBudgetOptions) {
  const reserveFraction = options.reserveFraction ?? 0.1;
  let limit: number | null = null;
  let remaining: number | null = null;
  let windowSeconds: number | null = null;
  let inFlight = 0;
  let pausedUntil = 0;
  let sent = 0;
  let applied = 0;

  const reserve = (): number => (limit === null ? 0 : Math.max(1, Math.ceil(limit * reserveFraction)));

  function pauseAtReserve(rateLimit: RateLimit | undefined, now: number): void {
    if (remaining === null || remaining > reserve()) return;
    const seconds = rateLimit?.retryAfterSeconds ?? windowSeconds;
    pause(seconds === null ? now + options.fallbackPauseMs : now + seconds * 1000);
  }

  function pause(until: number): void {
    pausedUntil = Math.max(pausedUntil, until);
  }

  return {
    /** Takes one request from the budget: its ticket, or null (then the caller ends its cycle). */
    tryAcquire(now: number): number | null {
      if (now < pausedUntil) return null;
      if (pausedUntil !== 0) {
        pausedUntil = 0;
        remaining = null;
      }
      if (remaining !== null && remaining - inFlight <= reserve()) return null;
      inFlight += 1;
      sent += 1;
      return sent;
    },

    /**
     * The registry answered, with the rate-limit headers it sent. An answer without them means
     * the registry no longer limits (or never did): nothing is counted down then.
     */
    settle(ticket: number, rateLimit: RateLimit | undefined, now: number): void {
      inFlight = Math.max(0, inFlight - 1);
      const newest = ticket > applied;
      applied = Math.max(applied, ticket);
      if (rateLimit === undefined) {
        if (newest) remaining = null;
        return;
      }
      limit = rateLimit.limit ?? limit;
      windowSeconds = rateLimit.windowSeconds ?? windowSeconds;
      const announced = rateLimit.remaining;
      remaining = newest || remaining === null || announced === null ? announced ?? remaining : Math.min(remaining, announced);
      pauseAtReserve(rateLimit, now);
    },

    /** The request failed without an answer to learn from (a timeout, a refused connection). */
    abandon(): void {
      inFlight = Math.max(0, inFlight - 1);
    },

    /** No request before `until` (a 429 or a failing registry: see `failureBackoff`). */
    pause,

    pausedUntil(now: number): number | null {
      return pausedUntil > now ? pausedUntil : null;
    },

    snapshot(now: number): BudgetSnapshot {
      return { limit, remaining, windowSeconds, reserve: reserve(), pausedUntil: pausedUntil > now ? new Date(pausedUntil).toISOString() : null };
    },
  };
}

export type RateBudget = ReturnType<typeof createRateBudget>;
