import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuildahBuilder } from '../../src/agent/builders/buildah-builder';
import { createRebuildHandler } from '../../src/agent/handle-rebuild';
import { runAgentLoop } from '../../src/agent/run-agent';
import { createRunReporter } from '../../src/agent/run-reporter';
import { requireImageRef } from '../../src/image-ref';
import { createLogger } from '../../src/logger';
import { composeServices } from '../../src/main';
import { createHttpConsumer } from '../../src/transport/local/create-http-consumer';
import { AGENT_TOKEN, eventually, type TestCascade } from '../support/cascade-server';
import { pushImage } from '../support/push-image';
import { startNotifiedCascade } from '../support/notified-cascade';
import type { RunningRegistry } from '../support/registry';

// The whole loop on real parts: docker-registry notifies Cascade, a real agent builds with buildah
// and pushes, the pushes notify Cascade again, and the next level is rebuilt.
interface RunJson { runId: string; task: string; status: string; trigger: string; rootEvent: string | null; hop: number; outputImages?: Array<{ ref: string; digest: string }>; reason?: string | null; logTail?: string }

let registry: RunningRegistry;
let cascade: TestCascade;
let agent: { stop(): Promise<void> };
const work = mkdtempSync(join(tmpdir(), 'cascade-chain-'));

function context(name: string, dockerfile: string): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

beforeAll(async () => {
  ({ registry, cascade } = await startNotifiedCascade({ CASCADE_QUEUE_LOCK_MS: '30000' }));
  const logger = createLogger('silent');
  const consumer = createHttpConsumer({ server: cascade.url, token: AGENT_TOKEN });
  const builder = createBuildahBuilder({ root: join(work, 'storage'), runroot: join(work, 'run'), insecureRegistries: [registry.host] });
  const { registry: client } = composeServices({ CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]) }, logger);
  const handle = createRebuildHandler({ consumer, reporter: createRunReporter({ server: cascade.url, token: AGENT_TOKEN, agent: 'test-agent' }), builder, registry: client, logger });
  agent = runAgentLoop({ consumer, handle, logger, pool: null, concurrency: 1, waitMs: 1000 });
}, 60_000);
afterAll(async () => {
  await agent?.stop();
  await cascade?.stop();
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

const runsOf = async (task: string) => (await cascade.api<RunJson[]>('GET', `/api/runs?task=${task}`)).body;
const showRun = async (id: string) => (await cascade.api<RunJson>('GET', `/api/runs/${id}`)).body;
const finished = (run: RunJson | undefined) => run !== undefined && !['Queued', 'Started', 'Running'].includes(run.status);

describe('a base-image chain built by a real agent', () => {
  it('rebuilds org-base, then app and app2 on its new push, each once, each explaining why', async () => {
    await pushImage(registry.url, 'upstream/base', '1', { marker: 'upstream-1' });
    await pushImage(registry.url, 'org/base', '1', { marker: 'org-1' });
    const h = registry.host;
    for (const [name, dockerfile, image] of [
      ['org-base', `FROM ${h}/upstream/base:1\nRUN echo org > /org\n`, `${h}/org/base:1`],
      ['app', `FROM ${h}/org/base:1\nRUN echo app > /app\n`, `${h}/app:1`],
      ['app2', `FROM ${h}/org/base:1\nRUN echo app2 > /app2\n`, `${h}/app2:1`],
    ] as const) {
      expect((await cascade.api('POST', '/api/tasks', { name, images: [image], context: context(name, dockerfile) })).status).toBe(201);
    }

    await pushImage(registry.url, 'upstream/base', '1', { marker: 'upstream-2' });
    const all = await eventually(async () => {
      const runs = [...await runsOf('org-base'), ...await runsOf('app'), ...await runsOf('app2')];
      return runs.length === 3 && runs.every(finished) ? runs : undefined;
    }, 90_000, 'three finished runs');
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const byTask = Object.fromEntries(await Promise.all(all.map(async (run) => [run.task, await showRun(run.runId)] as const)));
    expect(Object.values(byTask).map((run) => [run.task, run.status])).toEqual(expect.arrayContaining([['org-base', 'Succeeded'], ['app', 'Succeeded'], ['app2', 'Succeeded']]));
    expect((await runsOf('app')).length + (await runsOf('app2')).length + (await runsOf('org-base')).length).toBe(3);
    const root = byTask['org-base']!;
    expect(root).toMatchObject({ trigger: 'Image Update', hop: 0 });
    expect(byTask.app).toMatchObject({ rootEvent: root.rootEvent, hop: 1 });
    expect(byTask.app2).toMatchObject({ rootEvent: root.rootEvent, hop: 1 });
    const orgBaseDigest = root.outputImages?.[0]?.digest;
    const appManifest = await composeServices({ CASCADE_REGISTRIES: JSON.stringify([{ host: h, insecure: true }]) }).registry.inspectManifest(requireImageRef(`${h}/app:1`));
    expect(appManifest.annotations['org.opencontainers.image.base.digest']).toBe(orgBaseDigest);
    const appTask = (await cascade.api<{ step: { baseImageDependencies: Array<{ digest: string }> } }>('GET', '/api/tasks/app')).body;
    expect(appTask.step.baseImageDependencies[0]?.digest).toBe(orgBaseDigest);
  }, 120_000);

  it('orders a wave: a task on both the upstream and its rebuilt child waits for the child, then builds once', async () => {
    const h = registry.host;
    await pushImage(registry.url, 'up2/base', '1', { marker: 'up2-1' });
    await pushImage(registry.url, 'mid/base', '1', { marker: 'mid-1' });
    await cascade.api('POST', '/api/tasks', { name: 'mid', images: [`${h}/mid/base:1`], context: context('mid', `FROM ${h}/up2/base:1\nRUN echo mid > /mid\n`) });
    const both = `FROM ${h}/up2/base:1 AS tools\nFROM ${h}/mid/base:1\nCOPY --from=tools /bin/busybox /tools-busybox\n`;
    await cascade.api('POST', '/api/tasks', { name: 'both', images: [`${h}/both:1`], context: context('both', both), baseImageTrigger: { type: 'All' } });

    await pushImage(registry.url, 'up2/base', '1', { marker: 'up2-2' });
    const runs = await eventually(async () => {
      const all = [...await runsOf('mid'), ...await runsOf('both')];
      return all.length === 2 && all.every(finished) ? all : undefined;
    }, 60_000, 'mid then both');
    await new Promise((resolve) => setTimeout(resolve, 2000));

    expect([...await runsOf('mid'), ...await runsOf('both')]).toHaveLength(2);
    expect(runs.map((run) => [run.task, run.status, run.hop]).sort()).toEqual([['both', 'Succeeded', 1], ['mid', 'Succeeded', 0]]);
    const midDigest = (await showRun(runs.find((run) => run.task === 'mid')!.runId)).outputImages?.[0]?.digest;
    const bothTask = (await cascade.api<{ step: { baseImageDependencies: Array<{ repository: string; digest: string }> } }>('GET', '/api/tasks/both')).body;
    expect(bothTask.step.baseImageDependencies.find((d) => d.repository === 'mid/base')?.digest).toBe(midDigest);
  }, 90_000);

  it('ends a cycle (A FROM B, B FROM A): each task rebuilt once for the root event', async () => {
    const h = registry.host;
    await pushImage(registry.url, 'cyc/a', '1', { marker: 'cyc-a-1' });
    await pushImage(registry.url, 'cyc/b', '1', { marker: 'cyc-b-1' });
    await cascade.api('POST', '/api/tasks', { name: 'cyc-a', images: [`${h}/cyc/a:1`], context: context('cyc-a', `FROM ${h}/cyc/b:1\nRUN echo a > /a\n`) });
    await cascade.api('POST', '/api/tasks', { name: 'cyc-b', images: [`${h}/cyc/b:1`], context: context('cyc-b', `FROM ${h}/cyc/a:1\nRUN echo b > /b\n`) });

    await pushImage(registry.url, 'cyc/a', '1', { marker: 'cyc-a-2' });
    const runs = await eventually(async () => {
      const all = [...await runsOf('cyc-a'), ...await runsOf('cyc-b')];
      return all.length === 2 && all.every(finished) ? all : undefined;
    }, 60_000, 'both runs of the cycle');
    await new Promise((resolve) => setTimeout(resolve, 3000));

    expect([...await runsOf('cyc-a'), ...await runsOf('cyc-b')]).toHaveLength(2);
    expect(runs.map((run) => [run.task, run.status, run.hop]).sort()).toEqual([['cyc-a', 'Succeeded', 1], ['cyc-b', 'Succeeded', 0]]);
    const events = (await cascade.api<Array<{ ref: string; note: string | null }>>('GET', '/api/events?limit=20')).body;
    expect(events.find((e) => e.ref === `${h}/cyc/b:1`)?.note).toMatch(/1 run\(s\) requested/);
  }, 90_000);

  it('records a failing build as Failed with its log, and dead-letters its message', async () => {
    await pushImage(registry.url, 'fragile/base', '1', { marker: 'fragile-1' });
    await cascade.api('POST', '/api/tasks', { name: 'fragile', images: [`${registry.host}/fragile:1`], context: context('fragile', `FROM ${registry.host}/fragile/base:1\nRUN false\n`) });

    await cascade.api('POST', '/api/tasks/fragile/runs');
    const [run] = await eventually(async () => {
      const runs = await runsOf('fragile');
      return runs.length === 1 && finished(runs[0]) ? runs : undefined;
    }, 60_000, 'the failed run');

    const shown = await showRun(run!.runId);
    const log = await fetch(`${cascade.url}/api/runs/${run!.runId}/log`, { headers: { authorization: 'Bearer test-admin-token' } }).then((r) => r.text());
    const status = (await cascade.api<{ queue: { deadLettered: number }; recentDeadLetters: Array<{ reason: string }> }>('GET', '/api/status')).body;
    expect(shown).toMatchObject({ status: 'Failed', trigger: 'Manual' });
    expect(shown.logTail).toMatch(/false/);
    expect(log).toMatch(/RUN false/);
    expect(status.recentDeadLetters.map((d) => d.reason)).toContain('BuildFailed');
  }, 90_000);
});
