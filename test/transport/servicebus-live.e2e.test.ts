import { randomUUID } from 'node:crypto';
import type { ServiceBusSettings } from '../../src/config';
import {
  createServiceBusAdmin,
  createServiceBusAdministrationClient,
  createServiceBusClient,
  createServiceBusConsumer,
  createServiceBusPublisher,
} from '../../src/transport/servicebus';

// Opt-in: the adapter against a real Azure Service Bus namespace. Skipped unless
// SERVICEBUS_CONNECTION_STRING_LIVE is set; the queue SERVICEBUS_ENTITY_LIVE (default
// `rebuilds-live`) must exist with duplicate detection. Never required in CI.
const connectionString = process.env.SERVICEBUS_CONNECTION_STRING_LIVE;
const live = connectionString ? describe : describe.skip;

live('Service Bus adapter against a real namespace', () => {
  const settings: ServiceBusSettings = {
    kind: 'servicebus', connection: { connectionString: connectionString ?? '' }, entity: process.env.SERVICEBUS_ENTITY_LIVE ?? 'rebuilds-live',
    entityType: 'queue', defaultSubscription: 'default', sessions: false, retry: { timeoutInMs: 20_000, maxRetries: 2 },
  };
  const credential = () => {
    throw new Error('connection string only');
  };
  // Created in beforeAll: a skipped describe still runs its body to collect the tests.
  let client: ReturnType<typeof createServiceBusClient>;
  let publisher: ReturnType<typeof createServiceBusPublisher>;
  let consumer: ReturnType<typeof createServiceBusConsumer>;
  let admin: ReturnType<typeof createServiceBusAdmin>;
  beforeAll(() => {
    client = createServiceBusClient(settings, { credential });
    publisher = createServiceBusPublisher(client, { entity: settings.entity, sessions: false, defaultPool: 'default' });
    consumer = createServiceBusConsumer(client, settings);
    admin = createServiceBusAdmin({ client, administration: createServiceBusAdministrationClient(settings, { credential }), settings, subscriptions: async () => [] });
  });
  afterAll(async () => {
    await consumer.close();
    await publisher.close();
    await client.close();
  });

  it('publishes, drops a resend, receives, dead-letters, lists, resubmits and completes', async () => {
    const run = randomUUID();
    const ids = [0, 1, 2].map((n) => `live-${run}-${n}`);
    const messages = ids.map((messageId) => ({
      messageId, sessionId: 'live', subject: 'dev.cascade.rebuild.requested.v1', body: JSON.stringify({ data: { runId: messageId } }), properties: { task: 'live', platform: 'linux/amd64', trigger: 'Manual' },
    }));
    await publisher.publish(messages);
    await publisher.publish(messages);

    const seen = new Map<string, number>();
    const deadline = Date.now() + 60_000;
    let deadLettered: string | null = null;
    while (Date.now() < deadline && [...seen.keys()].filter((id) => ids.includes(id)).length < 3) {
      for (const message of await consumer.receive({ pool: null, max: 10, waitMs: 5000 })) {
        seen.set(message.messageId, (seen.get(message.messageId) ?? 0) + 1);
        if (!ids.includes(message.messageId)) await consumer.abandon(message.lockToken);
        else if (deadLettered === null) {
          deadLettered = message.messageId;
          await consumer.deadLetter(message.lockToken, 'LiveTest', 'dead-lettered on purpose');
        } else await consumer.complete(message.lockToken);
      }
    }
    const listed = await admin.deadLetters(250);
    const counts = await admin.queueCounts();
    const resubmitted = await admin.resubmit([deadLettered!]);
    for (const message of await consumer.receive({ pool: null, max: 10, waitMs: 10_000 })) {
      if (message.properties.resubmittedFrom === deadLettered) await consumer.complete(message.lockToken);
      else await consumer.abandon(message.lockToken);
    }

    expect(ids.map((id) => seen.get(id))).toEqual([1, 1, 1]);
    expect(listed.find((d) => d.messageId === deadLettered)).toMatchObject({ reason: 'LiveTest', description: 'dead-lettered on purpose' });
    expect(counts[0]).toMatchObject({ name: settings.entity, active: expect.any(Number), deadLettered: expect.any(Number) });
    expect(resubmitted).toEqual([deadLettered]);
  }, 180_000);
});
