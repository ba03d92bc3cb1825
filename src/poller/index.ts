export { createPoller } from './create-poller';
export type { Poller, PollerDeps } from './create-poller';
export { createPollerMetrics } from './poller-metrics';
export type { PollerMetrics } from './poller-metrics';
export type { RegistryWatchStatus } from './registry-watcher';
