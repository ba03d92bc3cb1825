import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, AGENT_TOKEN, eventually, WEBHOOK_SECRET } from '../support/cascade-server';
import { freePort } from '../support/free-port';
import { pushImage } from '../support/push-image';
import { startRegistry, type RunningRegistry } from '../support/registry';

// `cascade serve` as a child process, killed with SIGKILL right after it answered 202.
const cli = join(__dirname, '..', '..', 'bin', 'cascade.js');
let registry: RunningRegistry;
let dataDir: string;
let port: number;
let child: ChildProcess | null = null;

async function serve(): Promise<void> {
  child = spawn(process.execPath, [cli, 'serve'], {
    env: {
      PATH: process.env.PATH, CASCADE_PORT: String(port), CASCADE_DATA_DIR: dataDir, CASCADE_LOG_LEVEL: 'warn',
      CASCADE_ADMIN_TOKEN: ADMIN_TOKEN, CASCADE_AGENT_TOKEN: AGENT_TOKEN, CASCADE_WEBHOOK_SECRET_DISTRIBUTION: WEBHOOK_SECRET,
      CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]), CASCADE_SETTLE_MS: '0',
    },
    stdio: 'ignore',
  });
  await eventually(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => (r.ok ? true : undefined), () => undefined), 10_000, 'cascade serve');
}

function kill(): Promise<void> {
  const proc = child;
  child = null;
  if (!proc || proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

const api = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => fetch(`http://127.0.0.1:${port}${path}`, {
  method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
}).then(async (r) => ({ status: r.status, body: await r.json() as unknown }));

function pushEvent(id: string, digest: string): string {
  return JSON.stringify({ events: [{
    id, timestamp: new Date().toISOString(), action: 'push',
    target: { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 1, digest, length: 1, repository: 'base', url: `/v2/base/manifests/${digest}`, tag: '1' },
    request: { id: 'r', addr: '127.0.0.1:1', host: registry.host, method: 'PUT', useragent: 'test' },
  }] });
}

beforeAll(async () => {
  registry = await startRegistry();
  dataDir = mkdtempSync(join(tmpdir(), 'cascade-crash-'));
  port = await freePort();
});
afterAll(async () => {
  await kill();
  await registry.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a crash right after acknowledging', () => {
  it('loses nothing and duplicates nothing: each acknowledged event gives exactly one run and one message', async () => {
    await pushImage(registry.url, 'base', '1', { marker: 'crash-0' });
    const context = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
    writeFileSync(join(context, 'Dockerfile'), `FROM ${registry.host}/base:1\n`);
    await serve();
    expect((await api('POST', '/api/tasks', { name: 'crashy', images: [`${registry.host}/crashy:1`], context })).status).toBe(201);

    const digests = [1, 2, 3].map((i) => `sha256:${String(i).repeat(64)}`);
    for (const [i, digest] of digests.entries()) {
      if (!child) await serve();
      const answer = await fetch(`http://127.0.0.1:${port}/webhooks/distribution`, {
        method: 'POST', body: pushEvent(`crash-event-${i}`, digest),
        headers: { authorization: `Bearer ${WEBHOOK_SECRET}`, 'content-type': 'application/vnd.docker.distribution.events.v1+json' },
      });
      expect(answer.status).toBe(202);
      await kill();
    }
    await serve();

    const runs = await eventually(async () => {
      const listed = (await api('GET', '/api/runs?task=crashy')).body as Array<{ imageUpdateTrigger: { images: Array<{ digest: string }> } }>;
      return listed.length === 3 ? listed : undefined;
    }, 5000, 'three runs');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = (await api('GET', '/api/runs?task=crashy')).body as unknown[];
    const received = await eventually(async () => {
      const body = (await api('POST', '/api/agent/receive', { max: 10, waitMs: 0 }, AGENT_TOKEN)).body as { messages: Array<{ properties: Record<string, string> }> };
      return body.messages.length > 0 ? body.messages : undefined;
    }, 5000, 'queued messages');
    const later = (await api('POST', '/api/agent/receive', { max: 10, waitMs: 0 }, AGENT_TOKEN)).body as { messages: unknown[] };
    // The relay may still be moving the last message from the outbox to the queue, or a batch it had
    // claimed when killed waits out its lease: wait for it.
    const status = await eventually(async () => {
      const current = (await api('GET', '/api/status')).body as { queue: { active: number; locked: number }; outbox: { pending: number } };
      return current.queue.active + current.queue.locked === 3 && current.outbox.pending === 0 ? current : undefined;
    }, 15_000, 'all three messages on the queue');

    expect(runs.map((run) => run.imageUpdateTrigger.images[0]?.digest).sort()).toEqual([...digests].sort());
    expect(again).toHaveLength(3);
    // One task's builds never run at once: its three messages are delivered one at a time.
    expect(received).toHaveLength(1);
    expect(later.messages).toHaveLength(0);
    expect(status.queue).toMatchObject({ active: 2, locked: 1 });
    expect(status.outbox.pending).toBe(0);
  });
});
