import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createLogger } from '../logger';
import { createPollerMetrics } from '../poller';
import { createApp } from './create-app';
import { metricsRoutes } from './metrics-routes';

let server: Server;
let base: string;
const register = new Registry();
const metrics = createPollerMetrics(register);

beforeAll(async () => {
  const app = createApp({ logger: createLogger('silent'), readiness: { notReady: async () => [] }, mounts: [{ path: '/metrics', router: metricsRoutes(register) }] });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('GET /metrics', () => {
  it('serves the Prometheus text format without a token', async () => {
    metrics.missedNotifications.inc({ registry: 'registry.example' });
    metrics.requests.inc({ registry: 'docker.io', outcome: 'unchanged' }, 3);

    const response = await fetch(`${base}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    expect(text).toContain('# TYPE cascade_missed_notifications_total counter');
    expect(text).toContain('cascade_missed_notifications_total{registry="registry.example"} 1');
    expect(text).toContain('cascade_poll_requests_total{registry="docker.io",outcome="unchanged"} 3');
  });
});
