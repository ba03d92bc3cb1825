import { CascadeError } from '../errors';
import { createLogger } from '../logger';
import type { RegistryClient } from '../registry';
import { aPush, aTask } from '../store/contract/contract-fixtures';
import { createSqliteStore } from '../store/sqlite/create-sqlite-store';
import { createEventProcessor } from './event-processor';

// The processor on the real SQLite store (in memory); the registry is a fake at its port.
const NOW = new Date('2026-03-01T12:00:00.000Z');
const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;

async function setUp(registry: Pick<RegistryClient, 'resolveDigest' | 'listPlatforms'> = { resolveDigest: async () => ({ digest: NEW, mediaType: 'x' }), listPlatforms: async () => null }) {
  const store = createSqliteStore({ file: ':memory:' });
  const task = aTask('web', ['docker.io/library/node:20']);
  await store.createTask({ ...task, dependencies: task.dependencies.map((d) => ({ ...d, digest: OLD })) });
  let woken = 0;
  const processor = createEventProcessor({ store, registry, logger: createLogger('silent'), onRunsCreated: () => { woken += 1; }, now: () => NOW });
  return { store, processor, woken: () => woken };
}

describe('createEventProcessor', () => {
  it('turns a pending push into a run and its outbox message, and wakes the relay', async () => {
    const { store, processor, woken } = await setUp();
    await store.appendEvents([aPush('e1', 'docker.io/library/node:20', { digest: NEW })], []);

    const handled = await processor.processDue();

    expect(handled).toBe(1);
    const [run] = await store.listRuns({ limit: 10 });
    expect(run).toMatchObject({ taskName: 'web', trigger: 'Image Update', rootEvent: 'distribution:e1', imageUpdateTrigger: { images: [{ digest: NEW, previousDigest: OLD }] } });
    expect((await store.outboxDepth(NOW)).pending).toBe(1);
    expect(woken()).toBe(1);
    expect(await processor.processDue()).toBe(0);
  });

  it('resolves a missing digest (Docker Hub) before matching', async () => {
    const { store, processor } = await setUp();
    await store.appendEvents([aPush('hub1', 'docker.io/library/node:20', { source: 'dockerhub', digest: null })], []);

    await processor.processDue();

    expect((await store.listRuns({ limit: 10 }))[0]?.imageUpdateTrigger?.images[0]?.digest).toBe(NEW);
  });

  it('keeps an event whose digest cannot be resolved, with the reason, until its retry time', async () => {
    const { store, processor } = await setUp({ resolveDigest: async () => { throw new CascadeError('REGISTRY_UNREACHABLE', 'down', { retryable: true }); }, listPlatforms: async () => null });
    await store.appendEvents([aPush('hub1', 'docker.io/library/node:20', { source: 'dockerhub', digest: null })], []);

    await processor.processDue();

    const [event] = await store.recentEvents(1);
    expect(event).toMatchObject({ status: 'pending', attempts: 1, note: expect.stringContaining('REGISTRY_UNREACHABLE: down') });
    expect(await store.pendingEvents(10, NOW)).toEqual([]);
    expect(await store.listRuns({ limit: 10 })).toEqual([]);
  });

  it('defers an event whose completion fails instead of retrying it at once', async () => {
    const { store } = await setUp();
    const failing = { ...store, completeEvents: async () => [{ error: new CascadeError('INTERNAL', 'disk on fire') }] };
    const broken = createEventProcessor({ store: failing, registry: { resolveDigest: async () => ({ digest: NEW, mediaType: 'x' }), listPlatforms: async () => null }, logger: createLogger('silent'), onRunsCreated: () => undefined, now: () => NOW });
    await store.appendEvents([aPush('e1', 'docker.io/library/node:20', { digest: NEW })], []);

    await broken.processDue();

    expect(await store.pendingEvents(10, NOW)).toEqual([]);
    expect((await store.recentEvents(1))[0]).toMatchObject({ status: 'pending', attempts: 1, note: expect.stringContaining('INTERNAL: disk on fire') });
  });
});
