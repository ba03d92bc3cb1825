import type { ServiceBusMessage } from '@azure/service-bus';
import { startPeerAndClient, type PeerAndClient } from './client-fixture';

describe('volume through the real ServiceBusClient', () => {
  let env: PeerAndClient;

  beforeEach(async () => {
    env = await startPeerAndClient();
  });
  afterEach(() => env.close());

  it('takes 3000 messages in batches and delivers each once, beyond rhea’s 2048 unsettled deliveries', async () => {
    const sender = env.client.createSender('rebuilds');
    const messages: ServiceBusMessage[] = Array.from({ length: 3000 }, (_, i) => ({ body: { i }, messageId: `key-${i}` }));
    let batch = await sender.createMessageBatch();
    for (const message of messages) {
      if (batch.tryAddMessage(message)) continue;
      await sender.sendMessages(batch);
      batch = await sender.createMessageBatch();
      expect(batch.tryAddMessage(message)).toBe(true);
    }
    await sender.sendMessages(batch);
    expect(env.peer.counts('rebuilds').active).toBe(3000);

    const receiver = env.client.createReceiver('rebuilds', { maxAutoLockRenewalDurationInMs: 0 });
    const seen = new Set<number>();
    while (seen.size < 3000) {
      const got = await receiver.receiveMessages(2500, { maxWaitTimeInMs: 2000 });
      if (got.length === 0) break;
      for (const message of got) seen.add((message.body as { i: number }).i);
      await Promise.all(got.map((m) => receiver.completeMessage(m)));
    }

    expect(seen.size).toBe(3000);
    expect(env.peer.counts('rebuilds')).toMatchObject({ active: 0, locked: 0 });
  }, 60_000);
});
