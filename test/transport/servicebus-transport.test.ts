import type { ServiceBusClient } from '@azure/service-bus';
import type { ServiceBusSettings } from '../../src/config';
import { isCascadeError, type CascadeError } from '../../src/errors';
import type { OutboxMessage } from '../../src/store/store';
import {
  createServiceBusAdmin,
  createServiceBusAdministrationClient,
  createServiceBusClient,
  createServiceBusConsumer,
  createServiceBusPublisher,
} from '../../src/transport/servicebus';
import type { Consumer, Publisher, TransportAdmin } from '../../src/transport/transport';
import { startServiceBusPeer, type ServiceBusPeer } from '../servicebus-peer';
import { peerSettings } from './servicebus-settings';

// The adapter with the real @azure/service-bus client, on the wire, against the AMQP test peer.

const noCredential = () => {
  throw new Error('tests connect with a connection string');
};

function aMessage(n: number, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    messageId: `iu-${String(n).padStart(4, '0')}`,
    sessionId: `task-${n % 3}`,
    subject: 'dev.cascade.rebuild.requested.v1',
    body: JSON.stringify({ specversion: '1.0', id: `iu-${n}`, data: { runId: `run-${n}`, note: 'é ✓' } }),
    properties: { task: `web-${n % 3}`, platform: 'linux/amd64', trigger: 'Image Update' },
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<CascadeError> {
  try {
    await promise;
  } catch (error) {
    if (isCascadeError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

interface Harness {
  readonly client: ServiceBusClient;
  readonly publisher: Publisher;
  readonly consumer: Consumer;
  readonly admin: TransportAdmin;
}

const open: Array<{ close(): Promise<void> }> = [];

function harness(settings: ServiceBusSettings, subscriptions: string[] = []): Harness {
  const client = createServiceBusClient(settings, { credential: noCredential });
  const publisher = createServiceBusPublisher(client, { entity: settings.entity, sessions: settings.sessions, defaultPool: settings.defaultSubscription });
  const consumer = createServiceBusConsumer(client, settings);
  const administration = createServiceBusAdministrationClient(settings, { credential: noCredential });
  const admin = createServiceBusAdmin({ client, administration, settings, subscriptions: async () => subscriptions, countTimeoutMs: 2000 });
  open.push(publisher, consumer, client);
  return { client, publisher, consumer, admin };
}

afterEach(async () => {
  while (open.length > 0) await open.shift()!.close().catch(() => undefined);
});

describe('Service Bus adapter on a queue', () => {
  let peer: ServiceBusPeer;
  beforeAll(async () => {
    peer = await startServiceBusPeer({
      entities: [
        { name: 'rebuilds', type: 'queue', duplicateDetection: true, lockDurationMs: 5000 },
        { name: 'small', type: 'queue', duplicateDetection: true, maxMessageSizeBytes: 4096 },
        { name: 'scratch', type: 'queue', duplicateDetection: true },
      ],
    });
  });
  afterAll(() => peer.close());

  it('publishes many messages in few batches, each with the key, subject, content type and filter properties', async () => {
    const { publisher } = harness(peerSettings(peer.connectionString));
    const messages = Array.from({ length: 300 }, (_, n) => aMessage(n));

    await publisher.publish(messages);

    expect(peer.counts('rebuilds').active).toBe(300);
    const [first] = peer.messages('rebuilds');
    expect(first).toMatchObject({
      messageId: 'iu-0000', subject: 'dev.cascade.rebuild.requested.v1', contentType: 'application/cloudevents+json',
      applicationProperties: { task: 'web-0', platform: 'linux/amd64', trigger: 'Image Update', agentPool: 'default' },
    });
    expect(first!.sessionId).toBeUndefined();
  });

  it('sends the same requests again without duplicates: the bus drops them by message id', async () => {
    const { publisher } = harness(peerSettings(peer.connectionString));
    const before = peer.stats('rebuilds').duplicatesDropped;

    await publisher.publish(Array.from({ length: 300 }, (_, n) => aMessage(n)));

    expect(peer.counts('rebuilds').active).toBe(300);
    expect(peer.stats('rebuilds').duplicatesDropped - before).toBe(300);
  });

  it('receives with peek-lock and the body intact; complete removes, abandon redelivers with a higher count', async () => {
    const { consumer } = harness(peerSettings(peer.connectionString));
    const [first] = await consumer.receive({ pool: null, max: 1, waitMs: 2000 });

    expect(first).toMatchObject({ messageId: 'iu-0000', subject: 'dev.cascade.rebuild.requested.v1', properties: { task: 'web-0' }, deliveryCount: 1 });
    expect(JSON.parse(first!.body)).toEqual(JSON.parse(aMessage(0).body));
    expect(Date.parse(first!.lockedUntil)).toBeGreaterThan(Date.now());
    await consumer.abandon(first!.lockToken);
    const [again] = await consumer.receive({ pool: null, max: 1, waitMs: 2000 });
    expect(again).toMatchObject({ messageId: 'iu-0000', deliveryCount: 2 });
    await consumer.complete(again!.lockToken);

    expect(peer.counts('rebuilds').active).toBe(299);
    expect((await failure(consumer.complete(again!.lockToken))).code).toBe('LOCK_LOST');
  });

  it('renews a lock past its first expiry, so a long build keeps its message', async () => {
    const { consumer } = harness(peerSettings(peer.connectionString));
    const [message] = await consumer.receive({ pool: null, max: 1, waitMs: 2000 });

    const renewed = await consumer.renewLock(message!.lockToken);

    expect(Date.parse(renewed)).toBeGreaterThan(Date.parse(message!.lockedUntil));
    await consumer.complete(message!.lockToken);
  });

  it('dead-letters with a reason; lists and resubmits the dead letter; unknown ids are refused', async () => {
    const { consumer, admin } = harness(peerSettings(peer.connectionString));
    const [message] = await consumer.receive({ pool: null, max: 1, waitMs: 2000 });
    await consumer.deadLetter(message!.lockToken, 'BuildFailed', 'exit status 1');

    const deadLetters = await admin.deadLetters(10);
    const listedAgain = await admin.deadLetters(10);
    const missing = await failure(admin.resubmit(['nope']));
    const resubmitted = await admin.resubmit([message!.messageId]);

    expect(deadLetters).toEqual([expect.objectContaining({ messageId: message!.messageId, reason: 'BuildFailed', description: 'exit status 1', properties: expect.objectContaining({ task: expect.any(String) }) })]);
    expect(JSON.parse(deadLetters[0]!.body)).toEqual(JSON.parse(message!.body));
    expect(listedAgain).toEqual(deadLetters);
    expect(missing.code).toBe('DEAD_LETTER_NOT_FOUND');
    expect(resubmitted).toEqual([message!.messageId]);
    expect(peer.counts('rebuilds').deadLettered).toBe(0);
    expect(peer.messages('rebuilds').find((m) => m.applicationProperties.resubmittedFrom === message!.messageId)).toBeDefined();
  });

  it('sends what fits and names a message too large even alone in a batch: DISPATCH_MESSAGE_TOO_LARGE', async () => {
    const { publisher } = harness(peerSettings(peer.connectionString, { entity: 'small' }));
    const huge = aMessage(1, { messageId: 'huge', body: JSON.stringify({ data: 'x'.repeat(10_000) }) });

    const error = await failure(publisher.publish([aMessage(0), huge, aMessage(2)]));

    expect(error).toMatchObject({ code: 'DISPATCH_MESSAGE_TOO_LARGE', retryable: false, details: { messageIds: ['huge'] } });
    expect(peer.messages('small').map((m) => m.messageId)).toEqual(['iu-0000', 'iu-0002']);
  });

  it('translates a wrong key into DISPATCH_FAILED (UnauthorizedAccess), not retryable', async () => {
    const { publisher } = harness(peerSettings(peer.connectionStringWithKey('d3JvbmcK')));

    const error = await failure(publisher.publish([aMessage(1)]));

    expect(error.code).toBe('DISPATCH_FAILED');
    expect(error.message).toMatch(/UnauthorizedAccess/);
    expect(error.retryable).toBe(false);
  });

  it('translates an unknown entity into DISPATCH_FAILED (MessagingEntityNotFound)', async () => {
    const { publisher } = harness(peerSettings(peer.connectionString, { entity: 'nope' }));

    const error = await failure(publisher.publish([aMessage(1)]));

    expect(error.code).toBe('DISPATCH_FAILED');
    expect(error.message).toMatch(/MessagingEntityNotFound/);
  });

  it('reports queue counts it cannot read (the management API is HTTPS) as an error line, not a failure', async () => {
    const { admin } = harness(peerSettings(peer.connectionString));

    const counts = await admin.queueCounts();

    expect(counts).toEqual([{ name: 'rebuilds', active: null, deadLettered: null, scheduled: null, error: expect.stringMatching(/^read runtime properties: /) }]);
  });

  it('refuses an agent pool on a queue (queues have no filters)', async () => {
    const { consumer } = harness(peerSettings(peer.connectionString));

    expect((await failure(consumer.receive({ pool: 'gpu', max: 1, waitMs: 10 }))).code).toBe('CONFIG_INVALID');
  });

  it('fails over a stopped bus with a retryable DISPATCH_FAILED, and publishes again once it is back', async () => {
    const { publisher } = harness(peerSettings(peer.connectionString, { entity: 'scratch' }));
    await publisher.publish([aMessage(1)]);
    await peer.stop();

    const error = await failure(publisher.publish([aMessage(2)]));
    await peer.start();
    await publisher.publish([aMessage(2), aMessage(3)]);

    expect(error).toMatchObject({ code: 'DISPATCH_FAILED', retryable: true });
    expect(peer.messages('scratch').map((m) => m.messageId)).toEqual(['iu-0001', 'iu-0002', 'iu-0003']);
  });
});

describe('Service Bus adapter with sessions', () => {
  let peer: ServiceBusPeer;
  beforeAll(async () => {
    peer = await startServiceBusPeer({ entities: [{ name: 'rebuilds', type: 'queue', duplicateDetection: true, requiresSession: true }] });
  });
  afterAll(() => peer.close());

  it("sends the task as session id and never hands out a task's second build while its first is held", async () => {
    const settings = peerSettings(peer.connectionString, { sessions: true });
    const { publisher, consumer: agentA } = harness(settings);
    const { consumer: agentB } = harness(settings);
    await publisher.publish([aMessage(0, { sessionId: 'task-x' }), aMessage(1, { sessionId: 'task-x' }), aMessage(2, { sessionId: 'task-y' })]);

    const [held] = await agentA.receive({ pool: null, max: 1, waitMs: 2000 });
    const [other] = await agentB.receive({ pool: null, max: 1, waitMs: 2000 });
    const none = await agentB.receive({ pool: null, max: 1, waitMs: 600 });
    await agentA.renewLock(held!.lockToken);
    await agentA.complete(held!.lockToken);
    const [next] = await agentB.receive({ pool: null, max: 1, waitMs: 2000 });

    expect(peer.messages('rebuilds').map((m) => m.sessionId).sort()).toEqual(['task-x', 'task-y']);
    expect(held!.messageId).toBe('iu-0000');
    expect(other!.messageId).toBe('iu-0002');
    expect(none).toEqual([]);
    expect(next!.messageId).toBe('iu-0001');
    await agentB.complete(other!.lockToken);
    await agentB.complete(next!.lockToken);
    expect(peer.counts('rebuilds').active).toBe(0);
  });
});

describe('Service Bus adapter on a topic with one subscription per agent pool', () => {
  let peer: ServiceBusPeer;
  beforeAll(async () => {
    peer = await startServiceBusPeer({
      entities: [{
        name: 'rebuilds', type: 'topic', duplicateDetection: true,
        subscriptions: [{ name: 'gpu', filter: { agentPool: 'gpu' } }, { name: 'default', filter: { agentPool: 'default' } }],
      }],
    });
  });
  afterAll(() => peer.close());

  it("delivers each message to its pool's subscription only", async () => {
    const settings = peerSettings(peer.connectionString, { entityType: 'topic' });
    const { publisher, consumer, admin } = harness(settings, ['gpu']);
    await publisher.publish([aMessage(0, { properties: { task: 'a', agentPool: 'gpu' } }), aMessage(1, { properties: { task: 'b' } })]);

    const gpu = await consumer.receive({ pool: 'gpu', max: 5, waitMs: 1500 });
    const plain = await consumer.receive({ pool: null, max: 5, waitMs: 1500 });
    await consumer.deadLetter(gpu[0]!.lockToken, 'BuildFailed', 'on the gpu pool');
    await consumer.complete(plain[0]!.lockToken);

    expect(gpu.map((m) => m.messageId)).toEqual(['iu-0000']);
    expect(plain.map((m) => m.messageId)).toEqual(['iu-0001']);
    expect((await admin.queueCounts()).map((q) => q.name)).toEqual(['rebuilds/Subscriptions/default', 'rebuilds/Subscriptions/gpu']);
    expect((await admin.deadLetters(10)).map((d) => [d.messageId, d.reason])).toEqual([['iu-0000', 'BuildFailed']]);
  });
});
