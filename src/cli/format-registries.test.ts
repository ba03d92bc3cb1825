import type { RegistryWatchStatus } from '../poller';
import { formatRegistries } from './format-registries';

const hub: RegistryWatchStatus = {
  host: 'docker.io', watch: 'poll', mode: 'poll', intervalMs: 300_000, trackedTags: 12,
  budget: { limit: 100, remaining: 10, windowSeconds: 21600, reserve: 10, pausedUntil: '2026-03-01T18:00:00.000Z' },
  lastPollAt: '2026-03-01T12:00:00.000Z', nextPollAt: '2026-03-01T18:00:00.000Z', lastError: null, missedNotifications: 0,
};
const acr: RegistryWatchStatus = {
  host: 'myacr.azurecr.io', watch: 'webhook', mode: 'reconcile', intervalMs: 3_600_000, trackedTags: 3, budget: { limit: null, remaining: null, windowSeconds: null, reserve: 0, pausedUntil: null },
  lastPollAt: null, nextPollAt: '2026-03-01T13:00:00.000Z', lastError: 'myacr.azurecr.io/base:1: no manifest', missedNotifications: 2,
};
const off: RegistryWatchStatus = { ...acr, host: 'quay.io', mode: 'off', intervalMs: null, trackedTags: null, budget: null, nextPollAt: null, lastError: null, missedNotifications: 0 };

describe('formatRegistries', () => {
  it('shows each registry\'s watch mode, budget, polls and missed notifications', () => {
    const [header, , ...rows] = formatRegistries([hub, acr, off]).trimEnd().split('\n');

    expect(header).toMatch(/^REGISTRY\s+WATCH\s+TAGS\s+BUDGET\s+LAST POLL\s+NEXT POLL\s+MISSED\s+LAST ERROR$/);
    expect(rows[0]).toContain('poll every 5m');
    expect(rows[0]).toContain('10/100 per 6h (reserve 10), paused until 2026-03-01T18:00:00.000Z');
    expect(rows[1]).toMatch(/webhook, reconcile every 1h\s+3\s+-\s+-\s+2026-03-01T13:00:00.000Z\s+2\s+myacr.azurecr.io\/base:1: no manifest/);
    expect(rows[2]).toMatch(/^quay.io\s+webhook\s+-\s+-\s+-\s+-\s+0/);
  });
});
