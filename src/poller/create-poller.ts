import type { Logger } from '../logger';
import type { RegistryClient, RegistrySettings } from '../registry';
import type { PollerMetrics } from './poller-metrics';
import { createRegistryWatcher, type RegistryWatcherDeps, type RegistryWatchStatus } from './registry-watcher';

export interface PollerDeps {
  readonly registries: readonly RegistrySettings[];
  /** CASCADE_POLL_INTERVAL_MS: for `watch: poll` registries without their own `pollIntervalMs`. */
  readonly pollIntervalMs: number;
  /** CASCADE_RECONCILE_INTERVAL_MS: the slow poll of `watch: webhook` registries; 0 turns it off. */
  readonly reconcileIntervalMs: number;
  readonly store: RegistryWatcherDeps['store'];
  readonly registry: Pick<RegistryClient, 'resolveDigest'>;
  readonly metrics: PollerMetrics;
  readonly logger: Logger;
  /** Events were appended to the inbox: wake the matcher. */
  readonly onEventsStored: () => void;
}

export interface Poller {
  start(): void;
  stop(): Promise<void>;
  /** Every configured registry, in configuration order. */
  status(): RegistryWatchStatus[];
}

/**
 * Watches upstream tags (DESIGN.md §3, the poller row; issue 6 §1): `watch: poll` registries are
 * polled for pushes, `watch: webhook` ones reconciled slowly for notifications they lost.
 */
export function createPoller(deps: PollerDeps): Poller {
  const lines = deps.registries.map((settings) => {
    const polled = settings.watch === 'poll';
    const intervalMs = polled ? settings.pollIntervalMs ?? deps.pollIntervalMs : deps.reconcileIntervalMs;
    if (intervalMs === 0) return { settings, watcher: null };
    const logger = deps.logger.child({ registry: settings.host });
    const watcher = createRegistryWatcher({
      ...deps, logger, host: settings.host, watch: settings.watch, mode: polled ? 'poll' : 'reconcile', intervalMs, concurrency: settings.pollConcurrency,
    });
    return { settings, watcher };
  });

  return {
    start: () => lines.forEach(({ watcher }) => watcher?.start()),
    stop: async () => {
      await Promise.all(lines.map(({ watcher }) => watcher?.stop()));
    },
    status: () => lines.map(({ settings, watcher }) => watcher?.status() ?? {
      host: settings.host, watch: settings.watch, mode: 'off', intervalMs: null, trackedTags: null, budget: null,
      lastPollAt: null, nextPollAt: null, lastError: null, missedNotifications: 0,
    }),
  };
}
