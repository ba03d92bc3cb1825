import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { createServiceBusClient, createServiceBusConsumer } from '../../src/transport/servicebus';
import { ADMIN_TOKEN, AGENT_TOKEN, eventually, startCascade, type TestCascade } from '../support/cascade-server';
import { pushImage } from '../support/push-image';
import { startNotifiedCascade } from '../support/notified-cascade';
import type { RunningRegistry } from '../support/registry';
import { startServiceBusPeer, type ServiceBusPeer } from '../servicebus-peer';
import { peerEnv, peerSettings } from './servicebus-settings';

// Cascade publishing to the Service Bus test peer with the real SDK: an outage while 1,000 rebuilds
// are published loses and duplicates nothing; a poison message ends in the dead-letter queue.

const noCredential = () => {
  throw new Error('connection string only');
};
const work = mkdtempSync(join(tmpdir(), 'cascade-servicebus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function createTask(cascade: TestCascade, name: string, dockerfile: string): Promise<void> {
  const context = mkdtempSync(join(work, `${name}-`));
  writeFileSync(join(context, 'Dockerfile'), dockerfile);
  const created = await cascade.api('POST', '/api/tasks', { name, images: [`contoso.azurecr.io/${name}:1`], context });
  expect(created.status).toBe(201);
}

interface StatusJson {
  transport: string;
  outbox: { pending: number };
  relay: { lastError: string | null; consecutiveFailures: number };
  recentDeadLetters: Array<{ messageId: string; reason: string; description: string }>;
}

describe('Service Bus unreachable for 30 s while 1,000 rebuilds are published', () => {
  let peer: ServiceBusPeer;
  let cascade: TestCascade;
  beforeAll(async () => {
    peer = await startServiceBusPeer();
    cascade = await startCascade(peerEnv(peer.connectionString));
    await createTask(cascade, 'web', 'FROM contoso.azurecr.io/base:1\n');
  });
  afterAll(async () => {
    await cascade?.stop();
    await peer?.close();
  });

  it('keeps them in the outbox, retries, drains after the restart, and agents receive each exactly once', async () => {
    const runIds: string[] = [];
    const create = async (count: number) => {
      for (let i = 0; i < count; i += 25) {
        const batch = await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => cascade.api<{ runId: string }>('POST', '/api/tasks/web/runs')));
        runIds.push(...batch.map((response) => response.body.runId));
      }
    };
    await create(200);
    await peer.stop();
    const outageStart = Date.now();
    await create(800);

    const during = await eventually(async () => {
      const status = (await cascade.api<StatusJson>('GET', '/api/status')).body;
      return status.relay.consecutiveFailures > 0 && status.outbox.pending > 0 ? status : undefined;
    }, 20_000, 'the relay failing');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30_000 - (Date.now() - outageStart))));
    await peer.start();
    await eventually(async () => ((await cascade.api<StatusJson>('GET', '/api/status')).body.outbox.pending === 0 ? true : undefined), 120_000, 'the outbox drained');

    const client = createServiceBusClient(peerSettings(peer.connectionString), { credential: noCredential });
    const consumer = createServiceBusConsumer(client, peerSettings(peer.connectionString));
    const received: string[] = [];
    try {
      for (;;) {
        const messages = await consumer.receive({ pool: null, max: 100, waitMs: 1000 });
        if (messages.length === 0) break;
        for (const message of messages) {
          received.push((JSON.parse(message.body) as { data: { runId: string } }).data.runId);
          await consumer.complete(message.lockToken);
        }
      }
    } finally {
      await consumer.close();
      await client.close();
    }

    expect(during.transport).toBe('servicebus');
    expect(during.relay.lastError).toMatch(/^DISPATCH_FAILED: send to rebuilds: /);
    expect(runIds).toHaveLength(1000);
    expect(new Set(runIds).size).toBe(1000);
    expect(received).toHaveLength(1000);
    expect(new Set(received)).toEqual(new Set(runIds));
  }, 240_000);
});

describe('a poison message', () => {
  let peer: ServiceBusPeer;
  let cascade: TestCascade;
  let agent: ChildProcess | undefined;
  beforeAll(async () => {
    peer = await startServiceBusPeer();
    cascade = await startCascade(peerEnv(peer.connectionString));
  });
  afterAll(async () => {
    agent?.kill('SIGKILL');
    await cascade?.stop();
    await peer?.close();
  });

  it('is dead-lettered by the agent with its reason, and cascade status and dlq show it', async () => {
    await createTask(cascade, 'broken', 'FROM contoso.azurecr.io/base:1\nRUN false\n');
    const run = (await cascade.api<{ runId: string }>('POST', '/api/tasks/broken/runs')).body;
    const cli = join(__dirname, '..', '..', 'bin', 'cascade.js');
    agent = spawn(process.execPath, [cli, 'agent', '--server', cascade.url, '--builder', 'command', '--command', 'false'], {
      env: { PATH: process.env.PATH, CASCADE_AGENT_TOKEN: AGENT_TOKEN, CASCADE_DATA_DIR: work, CASCADE_LOG_LEVEL: 'warn', ...peerEnv(peer.connectionString) },
      stdio: 'ignore',
    });

    await eventually(async () => (peer.counts('rebuilds').deadLettered === 1 ? true : undefined), 30_000, 'the dead letter');
    let stdout = '';
    const io = { stdout: (text: string) => { stdout += text; }, stderr: () => undefined, env: { CASCADE_URL: cascade.url, CASCADE_ADMIN_TOKEN: ADMIN_TOKEN } };
    await runCli(['node', 'cascade', 'status', '-o', 'json'], io);
    const status = JSON.parse(stdout) as StatusJson;
    stdout = '';
    await runCli(['node', 'cascade', 'dlq', 'list'], io);
    const listed = stdout;
    process.exitCode = 0;
    const shown = (await cascade.api<{ status: string }>('GET', `/api/runs/${run.runId}`)).body;

    expect(status.recentDeadLetters).toEqual([expect.objectContaining({ reason: 'BuildFailed', description: expect.stringMatching(/the build command exited with code 1/) })]);
    expect(listed).toMatch(/\n\S+\s+broken\s+BuildFailed\s+\d+\s/);
    expect(shown.status).toBe('Failed');
  });
});

describe('a real agent on Service Bus with sessions', () => {
  let peer: ServiceBusPeer;
  let registry: RunningRegistry;
  let cascade: TestCascade;
  let agent: ChildProcess | undefined;
  const agentEnv = () => peerEnv(peer.connectionString, { SERVICEBUS_SESSIONS: 'true', CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]) });
  beforeAll(async () => {
    peer = await startServiceBusPeer({ entities: [{ name: 'rebuilds', type: 'queue', duplicateDetection: true, requiresSession: true }] });
    ({ registry, cascade } = await startNotifiedCascade(peerEnv(peer.connectionString, { SERVICEBUS_SESSIONS: 'true' })));
  });
  afterAll(async () => {
    agent?.kill('SIGKILL');
    await cascade?.stop();
    await registry?.stop();
    await peer?.close();
  });

  it('builds the rebuild a base push triggered, reports it, and completes its message', async () => {
    await pushImage(registry.url, 'base', '1', { marker: 'sb-base-1' });
    const context = mkdtempSync(join(work, 'app-'));
    writeFileSync(join(context, 'Dockerfile'), `FROM ${registry.host}/base:1\nRUN echo built > /built\n`);
    expect((await cascade.api('POST', '/api/tasks', { name: 'app', images: [`${registry.host}/app:1`], context })).status).toBe(201);
    const cli = join(__dirname, '..', '..', 'bin', 'cascade.js');
    agent = spawn(process.execPath, [cli, 'agent', '--server', cascade.url, '--buildah-root', join(work, 'buildah')], {
      env: { PATH: process.env.PATH, CASCADE_AGENT_TOKEN: AGENT_TOKEN, CASCADE_DATA_DIR: work, CASCADE_LOG_LEVEL: 'warn', ...agentEnv() },
      stdio: 'ignore',
    });

    const pushed = await pushImage(registry.url, 'base', '1', { marker: 'sb-base-2' });
    const run = await eventually(async () => {
      const [latest] = (await cascade.api<Array<{ runId: string; status: string; imageUpdateTrigger: { images: Array<{ digest: string }> } | null }>>('GET', '/api/runs?task=app')).body;
      return latest && ['Succeeded', 'Failed', 'Error', 'Timeout'].includes(latest.status) ? latest : undefined;
    }, 60_000, 'the rebuild to finish');

    expect(run).toMatchObject({ status: 'Succeeded', imageUpdateTrigger: { images: [{ digest: pushed.digest }] } });
    await eventually(async () => (peer.counts('rebuilds').active === 0 ? true : undefined), 10_000, 'the message completed');
    expect(peer.counts('rebuilds')).toMatchObject({ active: 0, deadLettered: 0 });
    expect(peer.stats('rebuilds').received).toBe(1);
  }, 90_000);
});
