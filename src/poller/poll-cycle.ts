import { requireImageRef } from '../image-ref';
import type { Logger } from '../logger';
import type { RegistryClient, ResolvedDigest } from '../registry';
import type { Store } from '../store/store';
import type { PollState, TrackedRef } from '../store/watched-refs';
import { failurePauseMs, judgeFailure } from './failure-backoff';
import { judgeDigest, type WatchMode } from './judge-digest';
import { pollEvent } from './poll-event';
import type { PollerMetrics, PollOutcome } from './poller-metrics';
import type { RateBudget } from './rate-budget';

export interface PollCycleDeps {
  readonly host: string;
  readonly mode: WatchMode;
  readonly concurrency: number;
  readonly store: Pick<Store, 'listPollStates' | 'savePollStates' | 'hasEventFor' | 'appendEvents'>;
  readonly registry: Pick<RegistryClient, 'resolveDigest'>;
  readonly budget: RateBudget;
  readonly metrics: PollerMetrics;
  readonly logger: Logger;
  /** Events were appended: wake the matcher. */
  readonly onEventsStored: () => void;
  readonly now: () => number;
  readonly random: () => number;
}

/** What a registry's watcher carries from one cycle to the next. */
export interface CycleCarry {
  /** Consecutive failed HEADs that made the registry back off. */
  failures: number;
  /** The next cycle starts at this ref (one cut short resumes where it stopped). */
  resumeFrom: string | null;
  lastError: string | null;
  missed: number;
}

export interface CycleResult {
  readonly polled: number;
  readonly completed: boolean;
  readonly events: number;
}

/**
 * One pass over a registry's watched tags: HEAD each (the registry client's `resolveDigest`),
 * `concurrency` at a time, while the budget allows; a changed digest becomes a `poll` event in
 * the inbox at once. What was seen is recorded at the end, for changed and new refs only.
 */
export async function runPollCycle(deps: PollCycleDeps, carry: CycleCarry, tracked: readonly TrackedRef[]): Promise<CycleResult> {
  const states = new Map((await deps.store.listPollStates(deps.host)).map((state) => [state.ref, state]));
  const order = resumeOrder(tracked, carry.resumeFrom);
  const seen: PollState[] = [];
  let next = 0;
  let stopAt: number | null = null;
  let events = 0;

  const count = (outcome: PollOutcome) => deps.metrics.requests.inc({ registry: deps.host, outcome });

  async function pollOne(index: number, ticket: number): Promise<void> {
    const tag = order[index]!;
    let resolved: ResolvedDigest;
    try {
      resolved = await deps.registry.resolveDigest(requireImageRef(tag.ref));
    } catch (error) {
      const verdict = judgeFailure(error);
      if (verdict.rateLimit) deps.budget.settle(ticket, verdict.rateLimit, deps.now());
      else deps.budget.abandon();
      count(verdict.outcome);
      carry.lastError = `${tag.ref}: ${(error as Error).message}`;
      if (!verdict.backOff) return;
      carry.failures += 1;
      deps.budget.pause(deps.now() + failurePauseMs(carry.failures, verdict.rateLimit, deps.random));
      stopAt = Math.min(stopAt ?? index, index);
      deps.logger.warn({ registry: deps.host, ref: tag.ref, err: error, failures: carry.failures }, 'registry failing: polling backs off');
      return;
    }
    deps.budget.settle(ticket, resolved.rateLimit, deps.now());
    carry.failures = 0;
    const state = states.get(tag.ref);
    const verdict = judgeDigest(deps.mode, state, tag.digests, resolved.digest);
    count(verdict.kind === 'unchanged' ? 'unchanged' : 'changed');
    if (verdict.kind === 'unchanged') return;
    const receivedAt = new Date(deps.now()).toISOString();
    seen.push({ ref: tag.ref, registry: deps.host, digest: resolved.digest, mediaType: resolved.mediaType || null, seenAt: receivedAt });
    if (verdict.kind === 'first-sight') return;
    const reconciled = verdict.kind === 'unknown';
    if (reconciled && await deps.store.hasEventFor(tag.ref, resolved.digest)) return;
    const event = pollEvent({ ref: tag.ref, digest: resolved.digest, mediaType: resolved.mediaType || null, previous: verdict.previous, reconciled, receivedAt });
    const { stored } = await deps.store.appendEvents([event], []);
    if (stored === 0) return;
    events += 1;
    deps.metrics.events.inc({ registry: deps.host });
    if (reconciled) {
      carry.missed += 1;
      deps.metrics.missedNotifications.inc({ registry: deps.host });
    }
    deps.logger.info({ registry: deps.host, ref: tag.ref, digest: resolved.digest, previous: verdict.previous, eventId: event.eventId, reconciled }, reconciled ? 'missed notification found by reconciliation' : 'poller found a new digest');
    deps.onEventsStored();
  }

  /** Polls the next tag if the budget allows; false when the cycle is over. */
  async function takeNext(): Promise<boolean> {
    if (next >= order.length || stopAt !== null) return false;
    const ticket = deps.budget.tryAcquire(deps.now());
    if (ticket === null) {
      stopAt = next;
      return false;
    }
    await pollOne(next++, ticket);
    return true;
  }
  const worker = async (): Promise<void> => {
    while (await takeNext());
  };

  // The first request goes alone: its answer brings the registry's current rate-limit figures.
  await takeNext();
  await Promise.all(Array.from({ length: deps.concurrency }, worker));
  await deps.store.savePollStates(seen);
  carry.resumeFrom = stopAt === null ? null : order[stopAt]?.ref ?? null;
  return { polled: next, completed: stopAt === null, events };
}

/** The tags from `resumeFrom` on, then the ones before it: a cut-short cycle starves no tag. */
function resumeOrder(tracked: readonly TrackedRef[], resumeFrom: string | null): readonly TrackedRef[] {
  if (resumeFrom === null) return tracked;
  return [...tracked.filter((tag) => tag.ref >= resumeFrom), ...tracked.filter((tag) => tag.ref < resumeFrom)];
}
