import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, startCascade, WEBHOOK_SECRET, type TestCascade } from '../support/cascade-server';
import { freePort } from '../support/free-port';
import { pushImage } from '../support/push-image';
import { startRegistry, type RunningRegistry } from '../support/registry';

// A notifying registry loses a push: its endpoint fails, then it restarts and its in-memory queue
// is gone. Reconciliation (issue 6 §1) must find the push and count it as a missed notification.
interface RunJson { imageUpdateTrigger: { id: string; images: Array<{ digest: string }> } | null }
interface RegistryLine { host: string; watch: string; mode: string; missedNotifications: number }

const RECONCILE_MS = 1000;
let registry: RunningRegistry;
let cascade: TestCascade;
let endpoint: { server: Server; failing: boolean; failures: number; delivered: number };

/** The registry's notification endpoint: forwards to Cascade, or answers 503 while failing. */
async function startEndpoint(port: number): Promise<typeof endpoint> {
  const state = { failing: false, failures: 0, delivered: 0 } as typeof endpoint;
  state.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (state.failing) {
        state.failures += 1;
        res.writeHead(503).end();
        return;
      }
      fetch(`${cascade.url}/webhooks/distribution`, {
        method: 'POST', body: Buffer.concat(chunks),
        headers: { authorization: String(req.headers.authorization ?? ''), 'content-type': String(req.headers['content-type'] ?? '') },
      }).then((answer) => {
        state.delivered += 1;
        res.writeHead(answer.status).end();
      }, () => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => state.server.listen(port, '127.0.0.1', resolve));
  return state;
}

beforeAll(async () => {
  const port = await freePort();
  endpoint = await startEndpoint(port);
  registry = await startRegistry({
    notifications: { url: `http://127.0.0.1:${port}/events`, headers: { Authorization: [`Bearer ${WEBHOOK_SECRET}`] }, backoffMs: 200 },
  });
  cascade = await startCascade({
    CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]),
    CASCADE_RECONCILE_INTERVAL_MS: String(RECONCILE_MS),
  });
});
afterAll(async () => {
  await cascade?.stop();
  await registry?.stop();
  endpoint?.server.closeAllConnections();
  await new Promise((resolve) => endpoint?.server.close(resolve));
});

const runsOf = async (task: string) => (await cascade.api<RunJson[]>('GET', `/api/runs?task=${task}`)).body;
const missedMetric = async () => {
  const text = await (await fetch(`${cascade.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`cascade_missed_notifications_total{registry="${registry.host}"}`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
};
const registryLine = async () => (await cascade.api<{ registries: RegistryLine[] }>('GET', '/api/status')).body.registries.find((line) => line.host === registry.host);

describe('reconciling a webhook registry', () => {
  it('does not count a push its webhook reported', async () => {
    await pushImage(registry.url, 'base', '1', { marker: 'reconcile-a' });
    const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${registry.host}/base:1\n`);
    expect((await cascade.api('POST', '/api/tasks', { name: 'app', images: [`${registry.host}/apps/app:1`], context: dir })).status).toBe(201);

    const notified = await pushImage(registry.url, 'base', '1', { marker: 'reconcile-b' });
    await eventually(async () => ((await runsOf('app')).length === 1 ? true : undefined), 3000, 'the webhook run');
    await sleep(RECONCILE_MS * 2.5);

    expect((await runsOf('app'))[0]?.imageUpdateTrigger?.images[0]?.digest).toBe(notified.digest);
    expect(await missedMetric()).toBe(0);
  });

  it('finds a push whose notification was lost in a restart, runs it and counts it as missed, once', async () => {
    endpoint.failing = true;
    const lost = await pushImage(registry.url, 'base', '1', { marker: 'reconcile-c' });
    await eventually(async () => (endpoint.failures > 0 ? true : undefined), 5000, 'a failed notification');
    await registry.restart();
    endpoint.failing = false;
    const deliveredBefore = endpoint.delivered;

    await eventually(async () => ((await runsOf('app')).length === 2 ? true : undefined), RECONCILE_MS * 4, 'the reconciled run');
    await sleep(RECONCILE_MS * 2.5);
    const [newest] = await runsOf('app');

    expect(newest?.imageUpdateTrigger?.images[0]?.digest).toBe(lost.digest);
    expect(newest?.imageUpdateTrigger?.id).toMatch(/^reconcile:/);
    expect(endpoint.delivered).toBe(deliveredBefore);
    expect(await runsOf('app')).toHaveLength(2);
    expect(await missedMetric()).toBe(1);
    expect(await registryLine()).toMatchObject({ watch: 'webhook', mode: 'reconcile', missedNotifications: 1 });
  });
});
