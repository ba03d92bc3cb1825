import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What one HEAD of a watched tag came to. */
export type PollOutcome = 'unchanged' | 'changed' | 'rate_limited' | 'unavailable' | 'failed';

/** The poller's Prometheus metrics, registered on the process's metrics registry. */
export function createPollerMetrics(register: Registry) {
  const registers = [register];
  return {
    requests: new Counter({
      name: 'cascade_poll_requests_total',
      help: 'HEAD requests of watched tags, by registry and outcome (unchanged, changed, rate_limited, unavailable, failed)',
      labelNames: ['registry', 'outcome'] as const, registers,
    }),
    events: new Counter({
      name: 'cascade_poll_events_total',
      help: 'Digest changes the poller appended to the inbox as events (source poll), by registry',
      labelNames: ['registry'] as const, registers,
    }),
    missedNotifications: new Counter({
      name: 'cascade_missed_notifications_total',
      help: 'Pushes found by reconciliation that the registry never notified (its webhooks are losing events)',
      labelNames: ['registry'] as const, registers,
    }),
    cycleSeconds: new Histogram({
      name: 'cascade_poll_cycle_seconds',
      help: 'Duration of one poll or reconciliation cycle over a registry\'s watched tags',
      labelNames: ['registry', 'mode'] as const, registers,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    }),
    trackedTags: new Gauge({
      name: 'cascade_poll_tracked_tags',
      help: 'Tags watched on the registry (dependencies of tasks with an enabled base-image trigger)',
      labelNames: ['registry'] as const, registers,
    }),
    budgetRemaining: new Gauge({
      name: 'cascade_poll_budget_remaining',
      help: 'Requests left in the registry\'s rate-limit window, as its RateLimit-Remaining header last said',
      labelNames: ['registry'] as const, registers,
    }),
  };
}

export type PollerMetrics = ReturnType<typeof createPollerMetrics>;
