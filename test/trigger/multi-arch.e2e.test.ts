import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, WEBHOOK_SECRET, type TestCascade } from '../support/cascade-server';
import { pushImage, type PushedManifest } from '../support/push-image';
import { pushIndex } from '../support/push-index';
import { startNotifiedCascade } from '../support/notified-cascade';
import type { RunningRegistry } from '../support/registry';

// Issue 6 §2–3 on real parts: Debian's docker-registry notifies Cascade, whose settle window is 2 s.
interface ChangedPlatform { platform: string; digest: string | null; previousDigest: string }
interface RunJson { runId: string; task: string; imageUpdateTrigger: { id: string; images: Array<{ digest: string; previousDigest: string | null; changedPlatforms?: ChangedPlatform[] }> } | null }
interface EventJson { eventId: string; ref: string; digest: string | null; status: string; note: string | null; runsCreated: number }

const SETTLE_MS = 2000;
let registry: RunningRegistry;
let cascade: TestCascade;

beforeAll(async () => {
  ({ registry, cascade } = await startNotifiedCascade({ CASCADE_SETTLE_MS: String(SETTLE_MS) }));
});
afterAll(async () => {
  await registry?.stop();
  await cascade?.stop();
});

async function createTask(name: string, base: string, platform: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${registry.host}/${base}\nRUN true\n`);
  const created = await cascade.api<{ step: { baseImageDependencies: Array<{ digest: string | null; platformDigests?: Record<string, string> }> } }>('POST', '/api/tasks', {
    name, images: [`${registry.host}/apps/${name}:1`], context: dir, platform,
  });
  expect(created.status).toBe(201);
  return created.body.step.baseImageDependencies[0];
}

const runsOf = async (task: string) => (await cascade.api<RunJson[]>('GET', `/api/runs?task=${task}`)).body;
const events = async () => (await cascade.api<EventJson[]>('GET', '/api/events?limit=200')).body;

/** The tagged push of `digest` to `ref`, once Cascade has processed it (after the settle window). */
async function processed(ref: string, digest: string): Promise<EventJson> {
  return eventually(async () => (await events()).find((e) => e.ref === ref && e.digest === digest && e.status === 'processed'), SETTLE_MS + 6000, `the push of ${digest} processed`);
}

describe('multi-arch bases without false rebuilds', () => {
  const ref = () => `${registry.host}/base:1`;
  let first: Awaited<ReturnType<typeof pushIndex>>;

  it('records the child digest of each task platform when the base is an index', async () => {
    first = await pushIndex(registry.url, 'base', '1', { platforms: [{ platform: 'linux/amd64', marker: 'amd-1' }, { platform: 'linux/arm64', marker: 'arm-1' }] });

    const amd = await createTask('on-amd64', 'base:1', 'linux/amd64');
    const arm = await createTask('on-arm64', 'base:1', 'linux/arm64');
    const both = await createTask('on-both', 'base:1', 'linux/amd64,linux/arm64');

    expect(both).toMatchObject({ digest: first.digest, platformDigests: { 'linux/amd64': first.children[0]!.digest, 'linux/arm64/v8': first.children[1]!.digest } });
    expect(amd).toMatchObject({ digest: first.digest, platformDigests: { 'linux/amd64': first.children[0]!.digest } });
    expect(arm).toMatchObject({ digest: first.digest, platformDigests: { 'linux/arm64/v8': first.children[1]!.digest } });
  });

  it('rebuilds only the arm64 task when only the arm64 child changed, and says which platform', async () => {
    const second = await pushIndex(registry.url, 'base', '1', { platforms: [{ platform: 'linux/amd64', marker: 'amd-1' }, { platform: 'linux/arm64', marker: 'arm-2' }] });

    const event = await processed(ref(), second.digest);

    expect(second.children[0]!.digest).toBe(first.children[0]!.digest);
    expect(event).toMatchObject({ runsCreated: 2, note: expect.stringContaining('1 not triggered (platform-unchanged)') });
    expect(await runsOf('on-amd64')).toEqual([]);
    const expected = [{
      registry: registry.host, repository: 'base', tag: '1', digest: second.digest, previousDigest: first.digest,
      changedPlatforms: [{ platform: 'linux/arm64/v8', digest: second.children[1]!.digest, previousDigest: first.children[1]!.digest }],
    }];
    const [run] = await runsOf('on-arm64');
    expect(run?.imageUpdateTrigger?.images).toEqual(expected);
    // A task building both platforms is rebuilt when either changed, and its run says which.
    const [bothRun] = await runsOf('on-both');
    expect(bothRun?.imageUpdateTrigger?.images).toEqual(expected);
  });

  it('rebuilds nothing when an attestation manifest is added to the index', async () => {
    const third = await pushIndex(registry.url, 'base', '1', { platforms: [{ platform: 'linux/amd64', marker: 'amd-1' }, { platform: 'linux/arm64', marker: 'arm-2' }], attestation: true });

    const event = await processed(ref(), third.digest);

    expect(third.attestations).toHaveLength(2);
    expect(event.runsCreated).toBe(0);
    expect(await runsOf('on-amd64')).toEqual([]);
    expect(await runsOf('on-arm64')).toHaveLength(1);
    expect(await runsOf('on-both')).toHaveLength(1);
    const amd = await cascade.api<{ step: { baseImageDependencies: Array<{ digest: string }> } }>('GET', '/api/tasks/on-amd64');
    expect(amd.body.step.baseImageDependencies[0]?.digest).toBe(third.digest);
  });
});

describe('a two-platform task whose FROM names the architecture', () => {
  it('tracks each architecture\'s base, and a push of one rebuilds the task for it', async () => {
    const amd = await pushImage(registry.url, 'percpu-amd64', '1', { marker: 'percpu-amd-1' });
    const arm = await pushImage(registry.url, 'percpu-arm64', '1', { marker: 'percpu-arm-1' });
    const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
    writeFileSync(join(dir, 'Dockerfile'), `ARG TARGETARCH\nFROM ${registry.host}/percpu-\${TARGETARCH}:1\nCOPY . /\n`);
    const created = await cascade.api<{ step: { baseImageDependencies: Array<{ type: string; repository: string; digest: string | null }> } }>('POST', '/api/tasks', {
      name: 'on-percpu', images: [`${registry.host}/apps/on-percpu:1`], context: dir, platform: 'linux/amd64,linux/arm64',
    });

    expect(created.status).toBe(201);
    expect(created.body.step.baseImageDependencies).toEqual([
      expect.objectContaining({ type: 'RunTime', repository: 'percpu-amd64', digest: amd.digest }),
      expect.objectContaining({ type: 'RunTime', repository: 'percpu-arm64', digest: arm.digest }),
    ]);

    const next = await pushImage(registry.url, 'percpu-arm64', '1', { marker: 'percpu-arm-2' });
    await processed(`${registry.host}/percpu-arm64:1`, next.digest);

    const runs = await runsOf('on-percpu');
    expect(runs.map((run) => run.imageUpdateTrigger?.images)).toEqual([[{ registry: registry.host, repository: 'percpu-arm64', tag: '1', digest: next.digest, previousDigest: arm.digest }]]);
  });
});

describe('the settle window', () => {
  it('turns three pushes of a tag within the window into one run, for the last digest', async () => {
    const base = await pushImage(registry.url, 'burst', '1', { marker: 'burst-0' });
    await createTask('on-burst', 'burst:1', 'linux/amd64');
    const ref = `${registry.host}/burst:1`;

    const pushed: PushedManifest[] = [];
    for (const marker of ['burst-1', 'burst-2', 'burst-3']) pushed.push(await pushImage(registry.url, 'burst', '1', { marker }));
    const last = await processed(ref, pushed[2]!.digest);

    expect(last.runsCreated).toBe(1);
    const runs = await runsOf('on-burst');
    expect(runs.map((run) => run.imageUpdateTrigger?.images[0])).toEqual([{ registry: registry.host, repository: 'burst', tag: '1', digest: pushed[2]!.digest, previousDigest: base.digest }]);
    const superseded = (await events()).filter((e) => e.ref === ref && pushed.slice(0, 2).some((p) => p.digest === e.digest));
    expect(superseded.map((e) => [e.status, e.runsCreated, e.note])).toEqual([
      ['processed', 0, expect.stringContaining(`superseded by distribution:${last.eventId}`)],
      ['processed', 0, expect.stringContaining(`superseded by distribution:${last.eventId}`)],
    ]);
  });

  it('still acknowledges at once: the window delays matching, not the 202', async () => {
    const digest = `sha256:${'f'.repeat(64)}`;
    const envelope = JSON.stringify({ events: [{
      id: 'settle-ack-1', timestamp: new Date().toISOString(), action: 'push',
      target: { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 1, digest, length: 1, repository: 'burst', url: `/v2/burst/manifests/${digest}`, tag: '1' },
      request: { id: 'r', addr: '127.0.0.1:1', host: registry.host, method: 'PUT', useragent: 'test' },
    }] });
    const started = Date.now();

    const answer = await fetch(`${cascade.url}/webhooks/distribution`, {
      method: 'POST', body: envelope, headers: { authorization: `Bearer ${WEBHOOK_SECRET}`, 'content-type': 'application/vnd.docker.distribution.events.v1+json' },
    });

    expect(answer.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await events()).find((e) => e.eventId === 'settle-ack-1')).toMatchObject({ status: 'pending', note: expect.stringMatching(/^settling until/) });
  });
});
