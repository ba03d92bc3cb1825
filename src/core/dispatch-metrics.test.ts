import { Registry } from 'prom-client';
import { registerDispatchMetrics } from './dispatch-metrics';

describe('registerDispatchMetrics', () => {
  it('reports the outbox depth, its lag and the relay failures when scraped', async () => {
    const register = new Registry();
    let pending = 3;
    registerDispatchMetrics(register, {
      outboxDepth: async () => ({ pending, oldestAgeMs: pending > 0 ? 2500 : null }),
      relayHealth: () => ({ lastError: 'DISPATCH_FAILED: down', lastErrorAt: null, lastSentAt: null, consecutiveFailures: 4 }),
    });

    const first = await register.metrics();
    pending = 0;
    const second = await register.metrics();

    expect(first).toMatch(/^cascade_outbox_pending 3$/m);
    expect(first).toMatch(/^cascade_outbox_oldest_age_seconds 2\.5$/m);
    expect(first).toMatch(/^cascade_relay_consecutive_failures 4$/m);
    expect(second).toMatch(/^cascade_outbox_pending 0$/m);
    expect(second).toMatch(/^cascade_outbox_oldest_age_seconds 0$/m);
  });
});
