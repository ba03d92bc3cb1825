import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, AGENT_TOKEN, eventually, WEBHOOK_SECRET, type TestCascade } from '../support/cascade-server';
import { pushImage } from '../support/push-image';
import { startNotifiedCascade } from '../support/notified-cascade';
import type { RunningRegistry } from '../support/registry';

// The whole loop on real parts: Debian's docker-registry notifies Cascade's /webhooks/distribution.
interface RunJson { runId: string; task: string; trigger: string; status: string; imageUpdateTrigger: { images: Array<{ tag: string; repository: string; digest: string; previousDigest: string | null }> } | null }

let registry: RunningRegistry;
let cascade: TestCascade;

beforeAll(async () => {
  ({ registry, cascade } = await startNotifiedCascade());
});
afterAll(async () => {
  await registry?.stop();
  await cascade?.stop();
});

function context(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

async function createTask(name: string, dockerfile: string, extra: Record<string, unknown> = {}) {
  const created = await cascade.api<{ step: { baseImageDependencies: Array<{ type: string; digest: string | null; repository: string }> } }>('POST', '/api/tasks', {
    name, images: [`${registry.host}/apps/${name}:1`], context: context(dockerfile), ...extra,
  });
  expect(created.status).toBe(201);
  return created.body;
}

const runsOf = async (task: string) => (await cascade.api<RunJson[]>('GET', `/api/runs?task=${task}`)).body;
/** Waits out the matcher: processing happens within milliseconds of the 202. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

describe('the base-image trigger loop', () => {
  it('queues a run with the previous and new digests within 2 s of a push, once', async () => {
    const first = await pushImage(registry.url, 'base', '1', { marker: 'base-1' });
    const task = await createTask('app', `FROM ${registry.host}/base:1\nRUN true\n`);
    expect(task.step.baseImageDependencies).toEqual([{ type: 'RunTime', registry: registry.host, repository: 'base', tag: '1', digest: first.digest }]);

    const pushedAt = Date.now();
    const second = await pushImage(registry.url, 'base', '1', { marker: 'base-2' });
    const [run] = await eventually(async () => ((await runsOf('app')).length > 0 ? runsOf('app') : undefined), 2000, 'a queued run');
    const latencyMs = Date.now() - pushedAt;

    expect(latencyMs).toBeLessThan(2000);
    expect(run).toMatchObject({ task: 'app', status: 'Queued', trigger: 'Image Update' });
    expect(run?.imageUpdateTrigger?.images).toEqual([{ registry: registry.host, repository: 'base', tag: '1', digest: second.digest, previousDigest: first.digest }]);

    await pushImage(registry.url, 'base', '1', { marker: 'base-2' });
    await pushImage(registry.url, 'base', '2', { marker: 'base-3' });
    await settle();

    expect(await runsOf('app')).toHaveLength(1);
  });

  it('puts a CloudEvents rebuild message on the local queue for agents', async () => {
    const received = await cascade.api<{ messages: Array<{ body: string; properties: Record<string, string>; lockToken: string; deliveryCount: number }> }>(
      'POST', '/api/agent/receive', { max: 10, waitMs: 0 }, AGENT_TOKEN,
    );
    const message = received.body.messages.find((m) => m.properties.task === 'app');
    const event = JSON.parse(message?.body ?? '{}');

    expect(event).toMatchObject({ specversion: '1.0', type: 'dev.cascade.rebuild.requested.v1', subject: 'app', data: { task: { name: 'app', images: [`${registry.host}/apps/app:1`] }, trigger: { type: 'Image Update', hop: 0 } } });
    expect(message?.deliveryCount).toBe(1);
    expect((await cascade.api('POST', `/api/agent/messages/${message?.lockToken}/complete`, undefined, AGENT_TOKEN)).status).toBe(204);
  });

  it('does not trigger a task whose base-image trigger is disabled', async () => {
    await pushImage(registry.url, 'quiet', '1', { marker: 'quiet-1' });
    await createTask('quiet', `FROM ${registry.host}/quiet:1\n`, { baseImageTrigger: { enabled: false } });

    await pushImage(registry.url, 'quiet', '1', { marker: 'quiet-2' });
    await settle();

    expect(await runsOf('quiet')).toEqual([]);
  });

  it('triggers All but not Runtime on a changed build-stage base', async () => {
    await pushImage(registry.url, 'builder', '1', { marker: 'builder-1' });
    await pushImage(registry.url, 'runtime', '1', { marker: 'runtime-1' });
    const dockerfile = `FROM ${registry.host}/builder:1 AS build\nRUN make\nFROM ${registry.host}/runtime:1\nCOPY --from=build /out /app\n`;
    await createTask('ms-all', dockerfile, { baseImageTrigger: { type: 'All' } });
    await createTask('ms-runtime', dockerfile);

    await pushImage(registry.url, 'builder', '1', { marker: 'builder-2' });
    await eventually(async () => ((await runsOf('ms-all')).length === 1 ? true : undefined), 2000, 'the All run');
    await settle();

    expect(await runsOf('ms-runtime')).toEqual([]);
  });

  it('makes one run from the same event delivered three times', async () => {
    await pushImage(registry.url, 'redeliver', '1', { marker: 'r-1' });
    await createTask('redeliver', `FROM ${registry.host}/redeliver:1\n`);
    const digest = `sha256:${'e'.repeat(64)}`;
    const envelope = JSON.stringify({ events: [{
      id: 'redelivered-event-1', timestamp: new Date().toISOString(), action: 'push',
      target: { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 1, digest, length: 1, repository: 'redeliver', url: `/v2/redeliver/manifests/${digest}`, tag: '1' },
      request: { id: 'r', addr: '127.0.0.1:1', host: registry.host, method: 'PUT', useragent: 'test' },
    }] });

    const answers = [];
    for (let i = 0; i < 3; i += 1) {
      answers.push(await fetch(`${cascade.url}/webhooks/distribution`, {
        method: 'POST', body: envelope,
        headers: { authorization: `Bearer ${WEBHOOK_SECRET}`, 'content-type': 'application/vnd.docker.distribution.events.v1+json' },
      }).then((r) => r.json()));
    }
    await eventually(async () => ((await runsOf('redeliver')).length > 0 ? true : undefined), 2000, 'the run');
    await settle();

    expect(answers).toEqual([
      { accepted: 1, ignored: 0, duplicates: 0, stored: 1 },
      { accepted: 1, ignored: 0, duplicates: 1, stored: 0 },
      { accepted: 1, ignored: 0, duplicates: 1, stored: 0 },
    ]);
    expect(await runsOf('redeliver')).toHaveLength(1);
  });

  it('shows the task as ACR does, and refuses bad input with stable codes', async () => {
    const shown = await cascade.api<Record<string, unknown>>('GET', '/api/tasks/app');
    const duplicate = await cascade.api<{ error: { code: string } }>('POST', '/api/tasks', { name: 'app', images: [`${registry.host}/x:1`], context: context('FROM scratch\n') });
    const missingFile = await cascade.api<{ error: { code: string } }>('POST', '/api/tasks', { name: 'nofile', images: [`${registry.host}/x:1`], context: context('FROM scratch\n'), dockerfile: 'Nope' });
    const unresolvable = await cascade.api<{ error: { code: string; message: string } }>('POST', '/api/tasks', { name: 'unres', images: [`${registry.host}/x:1`], context: context('ARG BASE\nFROM ${BASE}\n') });
    const badImage = await cascade.api<{ error: { code: string; message: string } }>('POST', '/api/tasks', { name: 'badimg', images: ['Not/Valid:1'], context: context('FROM scratch\n') });
    const noToken = await cascade.api<{ error: { code: string } }>('GET', '/api/tasks', undefined, 'wrong');

    expect(shown.body).toMatchObject({ name: 'app', trigger: { baseImageTrigger: { name: 'defaultBaseimageTriggerName', baseImageTriggerType: 'Runtime', status: 'Enabled' } } });
    expect([duplicate.status, duplicate.body.error.code]).toEqual([409, 'TASK_ALREADY_EXISTS']);
    expect([missingFile.status, missingFile.body.error.code]).toEqual([400, 'DOCKERFILE_NOT_FOUND']);
    expect([unresolvable.status, unresolvable.body.error.code]).toEqual([422, 'DOCKERFILE_INVALID']);
    expect(unresolvable.body.error.message).toMatch(/line 2/);
    expect([badImage.status, badImage.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    expect(badImage.body.error.message).toMatch(/images\.0/);
    expect([noToken.status, noToken.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(ADMIN_TOKEN).not.toBe('wrong');
  });
});
