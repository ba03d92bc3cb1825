import { startPeerAndClient, type PeerAndClient } from './client-fixture';

describe('a topic through the real ServiceBusClient', () => {
  let env: PeerAndClient;

  beforeEach(async () => {
    env = await startPeerAndClient({
      entities: [
        {
          name: 'rebuild-events',
          type: 'topic',
          subscriptions: [
            { name: 'all' },
            { name: 'linux-amd64', filter: { agentPool: 'linux', platform: 'linux/amd64' } },
            { name: 'windows', filter: { agentPool: 'windows' } },
          ],
        },
      ],
    });
  });
  afterEach(() => env.close());

  it('fans a message out to every subscription whose filter matches', async () => {
    const sender = env.client.createSender('rebuild-events');

    await sender.sendMessages([
      { body: 'l', applicationProperties: { agentPool: 'linux', platform: 'linux/amd64' } },
      { body: 'l-arm', applicationProperties: { agentPool: 'linux', platform: 'linux/arm64' } },
      { body: 'w', applicationProperties: { agentPool: 'windows', platform: 'windows/amd64' } },
    ]);

    expect(env.peer.messages('rebuild-events/Subscriptions/all').map((m) => m.body)).toEqual(['l', 'l-arm', 'w']);
    expect(env.peer.messages('rebuild-events/Subscriptions/linux-amd64').map((m) => m.body)).toEqual(['l']);
    expect(env.peer.messages('rebuild-events/Subscriptions/windows').map((m) => m.body)).toEqual(['w']);
    expect(env.peer.stats('rebuild-events')).toEqual({ received: 3, duplicatesDropped: 0 });
  });

  it('receives, settles and dead-letters per subscription', async () => {
    await env.client.createSender('rebuild-events').sendMessages({ body: 'w', applicationProperties: { agentPool: 'windows' } });
    const receiver = env.client.createReceiver('rebuild-events', 'windows');

    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });
    await receiver.deadLetterMessage(message!, { deadLetterReason: 'NoAgent', deadLetterErrorDescription: 'no windows agent' });
    const dlq = env.client.createReceiver('rebuild-events', 'windows', { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 1000 });

    expect(dead?.deadLetterReason).toBe('NoAgent');
    expect(env.peer.counts('rebuild-events/Subscriptions/windows')).toMatchObject({ active: 0, deadLettered: 1 });
    expect(env.peer.counts('rebuild-events/Subscriptions/all')).toMatchObject({ active: 1 });
  });

  it('refuses a receiver on the topic itself and an unknown subscription', async () => {
    const onTopic = await env.client.createReceiver('rebuild-events').receiveMessages(1, { maxWaitTimeInMs: 300 }).catch((e: unknown) => e);
    const unknown = await env.client.createReceiver('rebuild-events', 'nope').receiveMessages(1, { maxWaitTimeInMs: 300 }).catch((e: unknown) => e);

    expect(onTopic).toMatchObject({ code: 'MessagingEntityNotFound' });
    expect(unknown).toMatchObject({ code: 'MessagingEntityNotFound' });
  });
});
