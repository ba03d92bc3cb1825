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
  /** The latest cycle's last failure; cleared when a cycle starts. */
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
  carry.lastError = null;
  const seen: PollState[] = [];
  let next = 0;
  let stopAt: number | null = null;
  let events = 0;
  let fault: unknown = null;

  const count = (outcome: PollOutcome) => deps.metrics.requests.inc({ registry: deps.host, outcome });

  /** The HEAD failed: a 429, 5xx or network fault stops the cycle and pauses the registry. */
  function failed(index: number, ticket: number, error: unknown): void {
    const verdict = judgeFailure(error);
    if (verdict.rateLimit) deps.budget.settle(ticket, verdict.rateLimit, deps.now());
    else deps.budget.abandon();
    count(verdict.outcome);
    carry.lastError = `${order[index]!.ref}: ${(error as Error).message}`;
    if (!verdict.backOff) return;
    carry.failures += 1;
    deps.budget.pause(deps.now() + failurePauseMs(carry.failures, verdict.rateLimit, deps.random));
    stopAt = Math.min(stopAt ?? index, index);
    deps.logger.warn({ ref: order[index]!.ref, err: error, failures: carry.failures }, 'registry failing: polling backs off');
  }

  /** Appends the change as a `poll` event (unless reconciliation finds it was notified). */
  async function report(tag: TrackedRef, resolved: ResolvedDigest, previous: string | null, reconciled: boolean, receivedAt: string): Promise<void> {
    if (reconciled && await deps.store.hasEventFor(tag.ref, resolved.digest)) return;
    const event = pollEvent({ ref: tag.ref, digest: resolved.digest, mediaType: resolved.mediaType || null, previous, reconciled, receivedAt });
    const { stored } = await deps.store.appendEvents([event], []);
    if (stored === 0) return;
    events += 1;
    deps.metrics.events.inc({ registry: deps.host });
    if (reconciled) {
      carry.missed += 1;
      deps.metrics.missedNotifications.inc({ registry: deps.host });
    }
    const message = reconciled ? 'missed notification found by reconciliation' : 'poller found a new digest';
    deps.logger.info({ ref: tag.ref, digest: resolved.digest, previous, eventId: event.eventId }, message);
    deps.onEventsStored();
  }

  async function pollOne(index: number, ticket: number): Promise<void> {
    const tag = order[index]!;
    let resolved: ResolvedDigest;
    try {
      // HEAD only: free on Docker Hub, where a GET counts as a pull.
      resolved = await deps.registry.resolveDigest(requireImageRef(tag.ref), { headOnly: true });
    } catch (error) {
      failed(index, ticket, error);
      return;
    }
    deps.budget.settle(ticket, resolved.rateLimit, deps.now());
    carry.failures = 0;
    const verdict = judgeDigest(deps.mode, states.get(tag.ref), tag.digests, resolved.digest);
    count(verdict.kind === 'unchanged' ? 'unchanged' : 'changed');
    if (verdict.kind === 'unchanged') return;
    const receivedAt = new Date(deps.now()).toISOString();
    // Recorded only once its event is stored: a change the inbox did not take is found again.
    if (verdict.kind !== 'first-sight') await report(tag, resolved, verdict.previous, verdict.kind === 'unknown', receivedAt);
    seen.push({ ref: tag.ref, registry: deps.host, digest: resolved.digest, mediaType: resolved.mediaType || null, seenAt: receivedAt });
  }

  /** Polls the next tag if the budget allows; false when the cycle is over. */
  async function takeNext(): Promise<boolean> {
    if (next >= order.length || stopAt !== null) return false;
    const ticket = deps.budget.tryAcquire(deps.now());
    if (ticket === null) {
      stopAt = next;
      return false;
    }
    const index = next++;
    try {
      await pollOne(index, ticket);
    } catch (error) {
      // The store failed: end the cycle (what was seen is still recorded) and fail it after.
      fault ??= error;
      stopAt = Math.min(stopAt ?? index, index);
    }
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
  if (fault !== null) throw fault;
  return { polled: next, completed: stopAt === null, events };
}

/** The tags from `resumeFrom` on, then the ones before it: a cut-short cycle starves no tag. */
function resumeOrder(tracked: readonly TrackedRef[], resumeFrom: string | null): readonly TrackedRef[] {
  if (resumeFrom === null) return tracked;
  return [...tracked.filter((tag) => tag.ref >= resumeFrom), ...tracked.filter((tag) => tag.ref < resumeFrom)];
}
