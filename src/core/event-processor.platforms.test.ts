import { CascadeError } from '../errors';
import { createLogger } from '../logger';
import type { PlatformManifest, RegistryClient } from '../registry';
import { aPush, aTask } from '../store/contract/contract-fixtures';
import { createSqliteStore } from '../store/sqlite/create-sqlite-store';
import { createEventProcessor } from './event-processor';

// Issue 6 §2 through the processor, on the real SQLite store; the registry is a fake at its port.
const NOW = new Date('2026-03-01T12:00:00.000Z');
const REF = 'registry.example/base:1';
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const [OLD_INDEX, NEW_INDEX, AMD64, ARM64, ARM64_NEW] = [digest('a'), digest('b'), digest('1'), digest('2'), digest('3')];
const OCI = 'application/vnd.oci.image.manifest.v1+json';
const pushed: PlatformManifest[] = [{ platform: 'linux/amd64', digest: AMD64, mediaType: OCI }, { platform: 'linux/arm64/v8', digest: ARM64_NEW, mediaType: OCI }];

async function setUp(listPlatforms: RegistryClient['listPlatforms']) {
  const store = createSqliteStore({ file: ':memory:' });
  for (const [name, platform, child] of [['amd', 'linux/amd64', AMD64], ['arm', 'linux/arm64/v8', ARM64], ['amd2', 'linux/amd64', AMD64]] as const) {
    const task = aTask(name, [REF], { platform });
    await store.createTask({ ...task, dependencies: task.dependencies.map((d) => ({ ...d, digest: OLD_INDEX, platformDigests: { [platform]: child } })) });
  }
  const calls: string[] = [];
  const registry: Pick<RegistryClient, 'resolveDigest' | 'listPlatforms'> = {
    resolveDigest: async () => { throw new Error('unused'); },
    listPlatforms: async (ref) => {
      calls.push(`${ref.registry}/${ref.repository}@${ref.digest}`);
      return listPlatforms(ref);
    },
  };
  const processor = createEventProcessor({ store, registry, logger: createLogger('silent'), onRunsCreated: () => undefined, now: () => NOW, retryBaseMs: 10 });
  return { store, processor, calls };
}

describe('createEventProcessor on an index push', () => {
  it('reads the index once per event, rebuilds only the changed platform, and moves the others forward', async () => {
    const { store, processor, calls } = await setUp(async () => pushed);
    await store.appendEvents([aPush('e1', REF, { digest: NEW_INDEX })], []);

    await processor.processDue();

    expect(calls).toEqual([`registry.example/base@${NEW_INDEX}`]);
    expect((await store.listRuns({ limit: 10 })).map((run) => run.taskName)).toEqual(['arm']);
    expect((await store.recentEvents(1))[0]?.note).toBe('1 run(s) requested; 2 not triggered (platform-unchanged)');
    const amd = await store.getTask('amd');
    expect(amd?.dependencies[0]).toMatchObject({ digest: NEW_INDEX, platformDigests: { 'linux/amd64': AMD64 } });
    expect((await store.getTask('arm'))?.dependencies[0]?.digest).toBe(OLD_INDEX);
  });

  it('compares the moved-forward digests on the next push of the same index', async () => {
    const { store, processor } = await setUp(async () => pushed);
    await store.appendEvents([aPush('e1', REF, { digest: NEW_INDEX })], []);
    await processor.processDue();

    await store.appendEvents([aPush('e2', REF, { digest: NEW_INDEX })], []);
    await processor.processDue();

    // arm is still rebuilding (its recorded digest moves when its build reports): one run, not two.
    expect((await store.recentEvents(1))[0]?.note).toBe('1 run(s) requested; 2 not triggered (same-digest)');
    expect((await store.listRuns({ limit: 10 })).map((run) => run.taskName)).toEqual(['arm']);
  });

  it('falls back to index digests when the registry refuses for good, never dropping the event', async () => {
    const { store, processor } = await setUp(async () => { throw new CascadeError('REGISTRY_NOT_ALLOWED', 'not configured'); });
    await store.appendEvents([aPush('e1', REF, { digest: NEW_INDEX })], []);

    await processor.processDue();

    expect((await store.listRuns({ limit: 10 })).length).toBe(3);
    expect((await store.recentEvents(1))[0]?.note).toBe('3 run(s) requested; platforms not compared (REGISTRY_NOT_ALLOWED: not configured): index digests compared instead');
  });

  it('retries a transient failure with backoff, then falls back', async () => {
    const { store, processor } = await setUp(async () => { throw new CascadeError('REGISTRY_UNREACHABLE', 'down', { retryable: true }); });
    await store.appendEvents([aPush('e1', REF, { digest: NEW_INDEX })], []);

    await processor.processDue();
    const deferred = (await store.recentEvents(1))[0];
    await store.deferEvent(deferred!.seq, NOW, 'due again now');
    await processor.processDue();

    expect(deferred).toMatchObject({ status: 'pending', attempts: 1, note: expect.stringContaining('index lookup failed, retrying at') });
    expect((await store.recentEvents(1))[0]).toMatchObject({ status: 'processed', runsCreated: 3, note: expect.stringContaining('platforms not compared (REGISTRY_UNREACHABLE: down)') });
  });
});
