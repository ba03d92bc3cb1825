import { createLogger } from '../logger';
import { aPush, aTask } from '../store/contract/contract-fixtures';
import { createSqliteStore } from '../store/sqlite/create-sqlite-store';
import { createEventProcessor } from './event-processor';

// The settle window (issue 6 §2) on the real SQLite store, with the processor's clock in hand.
const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const REF = 'docker.io/library/node:20';
const OLD = `sha256:${'a'.repeat(64)}`;
const digest = (n: number) => `sha256:${String(n).repeat(64)}`;
const at = (ms: number) => new Date(T0 + ms).toISOString();

async function setUp(settleMs: number) {
  const store = createSqliteStore({ file: ':memory:' });
  const task = aTask('web', [REF]);
  await store.createTask({ ...task, dependencies: task.dependencies.map((d) => ({ ...d, digest: OLD })) });
  let clock = T0;
  const registry = { resolveDigest: async () => ({ digest: digest(9), mediaType: 'x' }), listPlatforms: async () => null };
  const processor = createEventProcessor({ store, registry, logger: createLogger('silent'), onRunsCreated: () => undefined, now: () => new Date(clock), settleMs });
  return { store, processor, advance: (ms: number) => { clock = T0 + ms; } };
}

describe('the settle window', () => {
  it('coalesces pushes of one ref within the window into one run for the newest digest', async () => {
    const { store, processor, advance } = await setUp(2000);
    await store.appendEvents([aPush('e1', REF, { digest: digest(1), receivedAt: at(0) }), aPush('e2', REF, { digest: digest(2), receivedAt: at(500) })], []);
    await processor.processDue();
    await store.appendEvents([aPush('e3', REF, { digest: digest(3), receivedAt: at(1500) })], []);
    await processor.processDue();
    expect(await store.listRuns({ limit: 10 })).toEqual([]);

    advance(2000);
    await processor.processDue();

    const runs = await store.listRuns({ limit: 10 });
    expect(runs.map((run) => [run.imageUpdateTrigger?.id, run.imageUpdateTrigger?.images[0]?.digest])).toEqual([['e3', digest(3)]]);
    const events = Object.fromEntries((await store.recentEvents(10)).map((event) => [event.eventId, event]));
    expect(events.e1).toMatchObject({ status: 'processed', runsCreated: 0, note: expect.stringContaining('superseded by distribution:e3') });
    expect(events.e2).toMatchObject({ status: 'processed', runsCreated: 0, note: expect.stringContaining('superseded by distribution:e3') });
    expect(events.e3).toMatchObject({ status: 'processed', runsCreated: 1, attempts: 0 });
  });

  it('holds an event with a note, without counting an attempt, until its window ends', async () => {
    const { store, processor } = await setUp(10_000);
    await store.appendEvents([aPush('e1', REF, { digest: digest(1), receivedAt: at(0) })], []);

    await processor.processDue();

    expect((await store.recentEvents(1))[0]).toMatchObject({ status: 'pending', attempts: 0, note: `settling until ${at(10_000)} (CASCADE_SETTLE_MS), then coalesced with newer pushes of ${REF}` });
    expect(await store.pendingEvents(10, new Date(T0 + 9_999))).toEqual([]);
    expect(await store.pendingEvents(10, new Date(T0 + 10_000))).toHaveLength(1);
  });

  it('bounds the delay by the first event: a stream of pushes is dispatched when the first one is due', async () => {
    const { store, processor, advance } = await setUp(2000);
    await store.appendEvents([aPush('e1', REF, { digest: digest(1), receivedAt: at(0) })], []);
    await processor.processDue();
    advance(1900);
    await store.appendEvents([aPush('e2', REF, { digest: digest(2), receivedAt: at(1900) })], []);
    await processor.processDue();

    advance(2000);
    await processor.processDue();

    expect((await store.listRuns({ limit: 10 })).map((run) => run.imageUpdateTrigger?.id)).toEqual(['e2']);
  });

  it('keeps refs apart', async () => {
    const { store, processor, advance } = await setUp(1000);
    await store.createTask(aTask('api', ['docker.io/library/python:3']));
    await store.appendEvents([aPush('n1', REF, { digest: digest(1), receivedAt: at(0) }), aPush('p1', 'docker.io/library/python:3', { digest: digest(2), receivedAt: at(0) })], []);

    advance(1000);
    await processor.processDue();

    expect((await store.listRuns({ limit: 10 })).map((run) => run.imageUpdateTrigger?.id).sort()).toEqual(['n1', 'p1']);
  });

  describe('a push of one of Cascade\'s own rebuilds (the next hop of a chain)', () => {
    const ORG_BASE = 'reg/org/base:1';
    async function chain() {
      const context = await setUp(10_000);
      await context.store.createTask(aTask('org-base', [REF], { images: [ORG_BASE] }));
      await context.store.createTask(aTask('app', [ORG_BASE]));
      await context.store.appendEvents([aPush('root', REF, { digest: digest(1), receivedAt: at(0) })], []);
      context.advance(10_000);
      await context.processor.processDue();
      const orgRun = (await context.store.listRuns({ taskName: 'org-base', limit: 1 }))[0]!;
      await context.store.startRun(orgRun.id, 'agent', new Date(T0 + 10_000));
      return { ...context, orgRun };
    }
    const report = () => ({ status: 'Succeeded' as const, reason: null, outputImages: [{ ref: ORG_BASE, digest: digest(2) }], dependencies: null, log: '', logTail: '' });

    it('is matched at once, not held for the window', async () => {
      const { store, processor, orgRun } = await chain();
      await store.finishRun(orgRun.id, report(), new Date(T0 + 10_500));
      await store.appendEvents([aPush('org-push', ORG_BASE, { digest: digest(2), receivedAt: at(10_600) })], []);

      await processor.processDue();

      expect(await store.listRuns({ taskName: 'app', limit: 10 })).toMatchObject([{ rootEvent: 'distribution:root', hop: 1 }]);
    });

    it('arriving before the build reported, waits for the report rather than the window', async () => {
      const { store, processor, orgRun, advance } = await chain();
      await store.appendEvents([aPush('org-push', ORG_BASE, { digest: digest(2), receivedAt: at(10_100) })], []);
      advance(10_100);
      await processor.processDue();
      expect((await store.recentEvents(1))[0]?.note).toMatch(/^waiting for run/);

      await store.finishRun(orgRun.id, report(), new Date(T0 + 10_200));
      advance(10_400);
      await processor.processDue();

      expect(await store.listRuns({ taskName: 'app', limit: 10 })).toMatchObject([{ rootEvent: 'distribution:root', hop: 1 }]);
    });

    it('still coalesces an older pending push of its ref into it', async () => {
      const { store, processor, orgRun, advance } = await chain();
      await store.appendEvents([aPush('someone', ORG_BASE, { digest: digest(3), receivedAt: at(10_050) })], []);
      await store.finishRun(orgRun.id, report(), new Date(T0 + 10_100));
      await store.appendEvents([aPush('org-push', ORG_BASE, { digest: digest(2), receivedAt: at(10_100) })], []);
      advance(10_100);

      await processor.processDue();

      const runs = await store.listRuns({ taskName: 'app', limit: 10 });
      expect(runs.map((run) => run.imageUpdateTrigger?.images[0]?.digest)).toEqual([digest(2)]);
      const events = Object.fromEntries((await store.recentEvents(10)).map((event) => [event.eventId, event]));
      expect(events.someone).toMatchObject({ status: 'processed', note: expect.stringContaining('superseded by distribution:org-push') });
    });
  });

  it('matches every event as it comes when the window is 0', async () => {
    const { store, processor } = await setUp(0);
    await store.appendEvents([aPush('e1', REF, { digest: digest(1), receivedAt: at(0) }), aPush('e2', REF, { digest: digest(2), receivedAt: at(0) })], []);

    await processor.processDue();

    expect((await store.listRuns({ limit: 10 })).map((run) => run.imageUpdateTrigger?.id).sort()).toEqual(['e1', 'e2']);
  });
});
