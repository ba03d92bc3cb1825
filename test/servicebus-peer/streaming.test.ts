import type { ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import { startPeerAndClient, type PeerAndClient } from './client-fixture';

/** Collects `count` message bodies through `subscribe` (auto-complete on), then closes the subscription. */
async function receiveBySubscribe(receiver: ServiceBusReceiver, count: number): Promise<unknown[]> {
  const bodies: unknown[] = [];
  let subscription: { close(): Promise<void> } | undefined;
  await new Promise<void>((resolve, reject) => {
    subscription = receiver.subscribe(
      {
        processMessage: async (message: ServiceBusReceivedMessage) => {
          bodies.push(message.body);
          if (bodies.length === count) resolve();
        },
        processError: async (args) => reject(args.error),
      },
      { maxConcurrentCalls: 3 },
    );
  });
  await subscription?.close();
  return bodies;
}

describe('streaming receivers (subscribe) through the real ServiceBusClient', () => {
  let env: PeerAndClient;

  beforeEach(async () => {
    env = await startPeerAndClient({ entities: [{ name: 'rebuilds', type: 'queue' }, { name: 'tasks', type: 'queue', requiresSession: true }] });
  });
  afterEach(() => env.close());

  it('delivers and auto-completes every message of a queue', async () => {
    await env.client.createSender('rebuilds').sendMessages(Array.from({ length: 20 }, (_, i) => ({ body: i })));

    const bodies = await receiveBySubscribe(env.client.createReceiver('rebuilds'), 20);
    await new Promise((r) => setTimeout(r, 100));

    expect([...bodies].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(env.peer.counts('rebuilds')).toMatchObject({ active: 0, locked: 0 });
  });

  it('delivers a session in order', async () => {
    await env.client.createSender('tasks').sendMessages(Array.from({ length: 5 }, (_, i) => ({ body: i, sessionId: 'task-a' })));

    const bodies = await receiveBySubscribe(await env.client.acceptNextSession('tasks'), 5);
    await new Promise((r) => setTimeout(r, 100));

    expect(bodies).toEqual([0, 1, 2, 3, 4]);
    expect(env.peer.counts('tasks')).toMatchObject({ active: 0, locked: 0 });
  });
});
