import type { WatchMode } from './judge-digest';

/** Cycles start within ±10 % of the interval, so registries and replicas do not poll in step. */
const JITTER = 0.1;

/**
 * The first cycle. Polling starts soon after start, spread over the first tenth of the interval.
 * Reconciliation waits a whole (jittered) interval: a registry delivers the notifications it
 * queued while Cascade was down once Cascade is back, and they must not count as missed.
 */
export function firstCycleAt(mode: WatchMode, now: number, intervalMs: number, random: () => number): number {
  const fraction = mode === 'poll' ? JITTER * random() : 1 - JITTER + 2 * JITTER * random();
  return now + Math.round(intervalMs * fraction);
}

export interface FinishedCycle {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly intervalMs: number;
  /** False when the cycle stopped early (budget at its reserve, or backing off). */
  readonly completed: boolean;
  /** No request before this (epoch ms), or null. */
  readonly pausedUntil: number | null;
}

/**
 * When the next cycle starts: an interval (jittered) after the last one started, never while
 * paused; a cycle cut short resumes as soon as the pause ends, with the tags it did not reach.
 */
export function nextCycleAt(cycle: FinishedCycle, random: () => number): number {
  const notBefore = Math.max(cycle.finishedAt, cycle.pausedUntil ?? 0);
  if (!cycle.completed) return notBefore;
  const jittered = cycle.startedAt + Math.round(cycle.intervalMs * (1 - JITTER + 2 * JITTER * random()));
  return Math.max(jittered, notBefore);
}
