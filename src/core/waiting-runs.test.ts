import { createLogger } from '../logger';
import { aPush, aTask } from '../store/contract/contract-fixtures';
import { createSqliteStore } from '../store/sqlite/create-sqlite-store';
import { createEventProcessor } from './event-processor';

// A wave on the real SQLite store: `app` builds on `upstream` and also on `org/base`, which the task
// `org-base` rebuilds from `upstream`; so `app` waits for the new `org/base` push (DESIGN.md §1).
const NOW = new Date('2026-03-01T12:00:00.000Z');
const ORG_BASE = `sha256:${'c'.repeat(64)}`;

async function wave(appDependency: { digest: string; type: 'RunTime' | 'BuildTime' }) {
  const store = createSqliteStore({ file: ':memory:' });
  const orgBase = aTask('org-base', ['reg/upstream:1'], { images: ['reg/org/base:1'] });
  const app = aTask('app', ['reg/upstream:1', 'reg/org/base:1']);
  await store.createTask(orgBase);
  await store.createTask({ ...app, dependencies: app.dependencies.map((d) => (d.ref === 'reg/org/base:1' ? { ...d, ...appDependency } : d)) });
  const processor = createEventProcessor({ store, registry: { resolveDigest: () => Promise.reject(new Error('unused')), listPlatforms: async () => null }, logger: createLogger('silent'), onRunsCreated: () => undefined, now: () => NOW });
  await store.appendEvents([aPush('root', 'reg/upstream:1', { digest: `sha256:${'d'.repeat(64)}` })], []);
  await processor.processDue();
  const [orgRun] = await store.listRuns({ limit: 10 });
  return { store, processor, orgRun: orgRun! };
}

async function rebuiltOrgBasePushes(store: Awaited<ReturnType<typeof wave>>['store'], orgRunId: string, digest: string) {
  await store.startRun(orgRunId, 'agent', NOW);
  await store.finishRun(orgRunId, { status: 'Succeeded', reason: null, outputImages: [{ ref: 'reg/org/base:1', digest }], dependencies: null, log: '', logTail: '' }, NOW);
  await store.appendEvents([aPush('org-push', 'reg/org/base:1', { digest })], []);
}

describe('runs waiting for a rebuild of their wave', () => {
  it('run as the next hop when the rebuilt image is new to them', async () => {
    const { store, processor, orgRun } = await wave({ digest: `sha256:${'a'.repeat(64)}`, type: 'RunTime' });
    expect((await store.listRuns({ limit: 10 })).map((run) => run.taskName)).toEqual(['org-base']);

    await rebuiltOrgBasePushes(store, orgRun.id, ORG_BASE);
    await processor.processDue();

    const [appRun] = (await store.listRuns({ taskName: 'app', limit: 10 }));
    expect(appRun).toMatchObject({ rootEvent: 'distribution:root', hop: 1 });
  });

  it('run now, once, when the rebuild pushed the digest they already recorded', async () => {
    const { store, processor, orgRun } = await wave({ digest: ORG_BASE, type: 'RunTime' });

    await rebuiltOrgBasePushes(store, orgRun.id, ORG_BASE);
    await processor.processDue();

    const runs = await store.listRuns({ taskName: 'app', limit: 10 });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ rootEvent: 'distribution:root', imageUpdateTrigger: { images: [{ repository: 'upstream' }] } });
    const [event] = await store.recentEvents(1);
    expect(event?.note).toMatch(/app waited for this push and run now/);
  });

  it('run now when the rebuilt image is only a build-time base of a Runtime trigger', async () => {
    const { store, processor, orgRun } = await wave({ digest: `sha256:${'a'.repeat(64)}`, type: 'BuildTime' });

    await rebuiltOrgBasePushes(store, orgRun.id, ORG_BASE);
    await processor.processDue();

    expect(await store.listRuns({ taskName: 'app', limit: 10 })).toHaveLength(1);
  });
});
