import { Gauge, type Registry } from 'prom-client';
import type { Store } from '../store/store';
import type { RelayHealth } from './outbox-relay';

export interface DispatchMetricsSources {
  readonly outboxDepth: Store['outboxDepth'];
  readonly relayHealth: () => RelayHealth;
}

/**
 * Queue health for Prometheus (DESIGN.md §7): the outbox's depth and lag and whether the relay is
 * failing, read when scraped, so they agree with `cascade status`.
 */
export function registerDispatchMetrics(register: Registry, sources: DispatchMetricsSources): void {
  const registers = [register];
  const depth = () => sources.outboxDepth(new Date());
  new Gauge({
    name: 'cascade_outbox_pending', help: 'Rebuild messages written but not yet accepted by the transport', registers,
    async collect() {
      this.set((await depth()).pending);
    },
  });
  new Gauge({
    name: 'cascade_outbox_oldest_age_seconds', help: 'Age of the oldest unsent rebuild message (0 when none)', registers,
    async collect() {
      this.set(((await depth()).oldestAgeMs ?? 0) / 1000);
    },
  });
  new Gauge({
    name: 'cascade_relay_consecutive_failures', help: 'Publishes to the transport that failed in a row (0: the last one succeeded)', registers,
    collect() {
      this.set(sources.relayHealth().consecutiveFailures);
    },
  });
}
