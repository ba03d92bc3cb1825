import { backoffMs } from '../core/backoff';
import { isCascadeError } from '../errors';
import type { RateLimit } from '../registry';

const BASE_MS = 1_000;
const MAX_MS = 3_600_000;

/** What a failed HEAD means for the registry as a whole. */
export interface FailureVerdict {
  /** Stop the cycle and pause the registry: it is rate-limiting, failing (5xx) or unreachable. */
  readonly backOff: boolean;
  /** The rate-limit headers the failing answer carried, if any. */
  readonly rateLimit: RateLimit | undefined;
  readonly outcome: 'rate_limited' | 'unavailable' | 'failed';
}

/**
 * 429 and 5xx, timeouts and refused connections come back as retryable `CascadeError`s from the
 * registry client: the registry backs off. Anything else (a tag deleted, credentials refused) is
 * that one ref's failure: the others are still polled.
 */
export function judgeFailure(error: unknown): FailureVerdict {
  if (!isCascadeError(error) || !error.retryable) return { backOff: false, rateLimit: undefined, outcome: 'failed' };
  const rateLimit = error.details?.rateLimit as RateLimit | undefined;
  return { backOff: true, rateLimit, outcome: error.code === 'REGISTRY_RATE_LIMITED' ? 'rate_limited' : 'unavailable' };
}

/**
 * Exponential backoff with jitter after the `failures`-th consecutive failure, never shorter
 * than the registry's `Retry-After`.
 */
export function failurePauseMs(failures: number, rateLimit: RateLimit | undefined, random: () => number = Math.random): number {
  const retryAfterMs = (rateLimit?.retryAfterSeconds ?? 0) * 1000;
  return Math.max(retryAfterMs, backoffMs(failures, BASE_MS, MAX_MS, random));
}
