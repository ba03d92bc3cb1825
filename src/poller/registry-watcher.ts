import type { Logger } from '../logger';
import type { RegistryClient } from '../registry';
import type { Store } from '../store/store';
import type { WatchMode } from './judge-digest';
import { runPollCycle, type CycleCarry, type CycleResult } from './poll-cycle';
import { firstCycleAt, nextCycleAt } from './poll-schedule';
import type { PollerMetrics } from './poller-metrics';
import { createRateBudget, type BudgetSnapshot } from './rate-budget';

/** One registry's line in `cascade status` (the `registries` array of `/api/status`). */
export interface RegistryWatchStatus {
  readonly host: string;
  /** From `CASCADE_REGISTRIES`. */
  readonly watch: 'poll' | 'webhook';
  /** `poll`: polled for pushes; `reconcile`: a webhook registry's slow poll; `off`: neither. */
  readonly mode: WatchMode | 'off';
  readonly intervalMs: number | null;
  readonly trackedTags: number | null;
  readonly budget: BudgetSnapshot | null;
  readonly lastPollAt: string | null;
  readonly nextPollAt: string | null;
  readonly lastError: string | null;
  /** Pushes reconciliation ever found that no webhook reported (counted in the inbox, so restarts keep it). */
  readonly missedNotifications: number;
}

export interface RegistryWatcherDeps {
  readonly host: string;
  readonly watch: 'poll' | 'webhook';
  readonly mode: WatchMode;
  readonly intervalMs: number;
  readonly concurrency: number;
  readonly store: Pick<Store, 'listTrackedRefs' | 'listPollStates' | 'savePollStates' | 'hasEventFor' | 'appendEvents' | 'countMissedNotifications'>;
  readonly registry: Pick<RegistryClient, 'resolveDigest'>;
  readonly metrics: PollerMetrics;
  readonly logger: Logger;
  readonly onEventsStored: () => void;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** Polls (or reconciles) one registry's watched tags on its own schedule and budget. */
export function createRegistryWatcher(deps: RegistryWatcherDeps) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const budget = createRateBudget({ fallbackPauseMs: deps.intervalMs });
  const carry: CycleCarry = { failures: 0, resumeFrom: null, lastError: null, missed: 0 };
  const cycleDeps = { ...deps, budget, now, random };
  let trackedTags: number | null = null;
  let lastPollAt: number | null = null;
  let nextPollAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  /** The persisted count; each cycle adds what it finds to it (see `runPollCycle`). */
  async function loadMissed(): Promise<void> {
    carry.missed = await deps.store.countMissedNotifications(deps.host);
  }

  /** One cycle now; schedules the next when the watcher is started. */
  async function runCycle(): Promise<CycleResult> {
    const startedAt = now();
    const tracked = (await deps.store.listTrackedRefs()).filter((tag) => tag.registry === deps.host);
    trackedTags = tracked.length;
    if (deps.mode === 'reconcile') await loadMissed();
    deps.metrics.trackedTags.set({ registry: deps.host }, tracked.length);
    const stopTimer = deps.metrics.cycleSeconds.startTimer({ registry: deps.host, mode: deps.mode });
    const result = await runPollCycle(cycleDeps, carry, tracked);
    stopTimer();
    lastPollAt = startedAt;
    const remaining = budget.snapshot(now()).remaining;
    if (remaining !== null) deps.metrics.budgetRemaining.set({ registry: deps.host }, remaining);
    // A cycle that polled nothing and is not paused is over: it must not spin.
    const completed = result.completed || (result.polled === 0 && budget.pausedUntil(now()) === null);
    nextPollAt = nextCycleAt({ startedAt, finishedAt: now(), intervalMs: deps.intervalMs, completed, pausedUntil: budget.pausedUntil(now()) }, random);
    return result;
  }

  function schedule(at: number): void {
    nextPollAt = at;
    timer = setTimeout(() => {
      timer = null;
      running = runCycle().catch((error: unknown) => {
        carry.lastError = (error as Error).message;
        deps.logger.error({ err: error, registry: deps.host }, 'poll cycle failed');
        nextPollAt = now() + deps.intervalMs;
      }).finally(() => {
        if (!stopped && nextPollAt !== null) schedule(nextPollAt);
      });
    }, Math.max(0, at - now()));
    // Timers alone never keep the process alive: `stop` is how the server ends polling.
    timer.unref();
  }

  return {
    runCycle,
    start(): void {
      if (!stopped) return;
      stopped = false;
      if (deps.mode === 'reconcile') {
        running = loadMissed().catch((error: unknown) => deps.logger.warn({ err: error, registry: deps.host }, 'could not count missed notifications'));
      }
      schedule(firstCycleAt(deps.mode, now(), deps.intervalMs, random));
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
    status(): RegistryWatchStatus {
      const at = now();
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      return {
        host: deps.host, watch: deps.watch, mode: deps.mode, intervalMs: deps.intervalMs, trackedTags,
        budget: budget.snapshot(at), lastPollAt: iso(lastPollAt), nextPollAt: iso(nextPollAt),
        lastError: carry.lastError, missedNotifications: carry.missed,
      };
    },
  };
}

export type RegistryWatcher = ReturnType<typeof createRegistryWatcher>;
