import { CascadeError } from '../errors';
import { createLogger } from '../logger';
import { aNewRun, aTask, toMessage } from '../store/contract/contract-fixtures';
import { createSqliteStore } from '../store/sqlite/create-sqlite-store';
import type { OutboxMessage } from '../store/store';
import { createOutboxRelay } from './outbox-relay';

const NOW = new Date('2026-03-01T12:00:00.000Z');

async function storeWithTwoRuns() {
  const store = createSqliteStore({ file: ':memory:' });
  const task = aTask('web');
  await store.createTask(task);
  await store.createRun(aNewRun(task, 'k1'), toMessage);
  await store.createRun(aNewRun(task, 'k2'), toMessage);
  return store;
}

describe('createOutboxRelay', () => {
  it('publishes unsent messages in a batch and marks them sent', async () => {
    const store = await storeWithTwoRuns();
    const published: OutboxMessage[][] = [];
    const relay = createOutboxRelay({ store, publisher: { publish: async (batch) => { published.push([...batch]); }, close: async () => undefined }, logger: createLogger('silent'), now: () => NOW });

    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(0);

    expect(published.map((batch) => batch.map((m) => m.messageId))).toEqual([['k1', 'k2']]);
    expect((await store.outboxDepth(NOW)).pending).toBe(0);
  });

  it('keeps the messages when the transport is down and offers them again after the backoff', async () => {
    const store = await storeWithTwoRuns();
    let down = true;
    const sent: string[] = [];
    const publisher = {
      publish: async (batch: readonly OutboxMessage[]) => {
        if (down) throw new CascadeError('INTERNAL', 'bus unreachable', { retryable: true });
        sent.push(...batch.map((m) => m.messageId));
      },
      close: async () => undefined,
    };
    let now = NOW;
    const relay = createOutboxRelay({ store, publisher, logger: createLogger('silent'), now: () => now, retryBaseMs: 1000, retryMaxMs: 1000 });

    expect(await relay.relayOnce()).toBe(0);
    down = false;
    expect(await relay.relayOnce()).toBe(0);
    now = new Date(NOW.getTime() + 1001);

    expect(await relay.relayOnce()).toBe(2);
    expect(sent).toEqual(['k1', 'k2']);
    expect((await store.outboxDepth(now)).pending).toBe(0);
  });

  it('reports the last error and recovery in its health', async () => {
    const store = await storeWithTwoRuns();
    let down = true;
    const publisher = {
      publish: async () => {
        if (down) throw new CascadeError('DISPATCH_FAILED', 'send to rebuilds: ECONNREFUSED', { retryable: true });
      },
      close: async () => undefined,
    };
    let now = NOW;
    const relay = createOutboxRelay({ store, publisher, logger: createLogger('silent'), now: () => now, retryBaseMs: 10, retryMaxMs: 10 });

    await relay.relayOnce();
    expect(relay.health()).toEqual({ lastError: 'DISPATCH_FAILED: send to rebuilds: ECONNREFUSED', lastErrorAt: NOW.toISOString(), lastSentAt: null, consecutiveFailures: 1 });
    down = false;
    now = new Date(NOW.getTime() + 1000);
    await relay.relayOnce();
    expect(relay.health()).toMatchObject({ lastError: 'DISPATCH_FAILED: send to rebuilds: ECONNREFUSED', lastSentAt: now.toISOString(), consecutiveFailures: 0 });
  });

  it('ends the runs of messages the transport refuses for good and marks the rest sent', async () => {
    const store = await storeWithTwoRuns();
    const publisher = {
      publish: async () => {
        throw new CascadeError('DISPATCH_MESSAGE_TOO_LARGE', '1 message(s) exceed 262144 bytes: k2', { details: { messageIds: ['k2'] } });
      },
      close: async () => undefined,
    };
    const relay = createOutboxRelay({ store, publisher, logger: createLogger('silent'), now: () => NOW });

    expect(await relay.relayOnce()).toBe(1);

    expect((await store.outboxDepth(NOW)).pending).toBe(0);
    const runs = await store.listRuns({ limit: 10 });
    expect(runs.map((run) => [run.requestKey, run.status]).sort()).toEqual([['k1', 'Queued'], ['k2', 'Error']]);
  });
});
