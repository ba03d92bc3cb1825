import { aNewRun, aTask, toMessage } from '../store/contract/contract-fixtures';
import { createSqliteStore } from '../store/sqlite/create-sqlite-store';
import { CascadeError } from '../errors';
import { createLogger } from '../logger';
import { createOutboxRelay } from './outbox-relay';
import { releaseDeferredRuns } from './release-deferred-runs';

async function waveWithDeferredApp() {
  const store = createSqliteStore({ file: ':memory:' });
  const orgBase = aTask('org-base', [], { images: ['reg/org/base:1'] });
  const app = aTask('app');
  await store.createTask(orgBase);
  await store.createTask(app);
  await store.appendEvents([{ source: 'distribution', eventId: 'root', ref: 'reg/upstream:1', digest: `sha256:${'b'.repeat(64)}`, mediaType: null, receivedAt: '' }], []);
  const [event] = await store.pendingEvents(10, new Date('2030-01-01'));
  const [results] = await store.completeEvents([{
    seq: event!.seq, runs: [aNewRun(orgBase, 'k-org', { rootEvent: 'distribution:root', hop: 0 })],
    deferred: [{ waitingOn: 'reg/org/base:1', run: aNewRun(app, 'k-app', { rootEvent: 'distribution:root', hop: 0 }) }], toMessage, note: null,
  }]);
  const orgRun = (results as { runs: Array<{ id: string }> }).runs[0]!;
  return { store, orgRun };
}

describe('releaseDeferredRuns', () => {
  it('creates the waiting runs when the rebuild they waited for failed', async () => {
    const { store, orgRun } = await waveWithDeferredApp();
    const failed = await store.finishRun(orgRun.id, { status: 'Failed', reason: 'RUN false', outputImages: [], dependencies: null, log: '', logTail: '' }, new Date());

    const released = await releaseDeferredRuns(store, failed);

    expect(released.map((run) => [run.taskName, run.status, run.rootEvent])).toEqual([['app', 'Queued', 'distribution:root']]);
    expect((await store.outboxDepth(new Date())).pending).toBe(2);
  });

  it('releases nothing when the rebuild succeeded: its push continues the chain', async () => {
    const { store, orgRun } = await waveWithDeferredApp();
    const done = await store.finishRun(orgRun.id, { status: 'Succeeded', reason: null, outputImages: [], dependencies: null, log: '', logTail: '' }, new Date());

    expect(await releaseDeferredRuns(store, done)).toEqual([]);
    expect(await store.releaseDeferredRuns('distribution:root', ['reg/org/base:1'])).toHaveLength(1);
  });

  it('releases them too when the bus refused the rebuild for good (too large), so the wave goes on', async () => {
    const { store } = await waveWithDeferredApp();
    const publisher = {
      publish: async () => {
        throw new CascadeError('DISPATCH_MESSAGE_TOO_LARGE', 'too large: k-org', { details: { messageIds: ['k-org'] } });
      },
      close: async () => undefined,
    };
    const relay = createOutboxRelay({ store, publisher, logger: createLogger('silent') });

    await relay.relayOnce();

    const runs = await store.listRuns({ limit: 10 });
    expect(runs.map((run) => [run.taskName, run.status]).sort()).toEqual([['app', 'Queued'], ['org-base', 'Error']]);
    expect((await store.outboxDepth(new Date())).pending).toBe(1);
  });
});
