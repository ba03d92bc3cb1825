import { ServiceBusClient } from '@azure/service-bus';
import { startServiceBusPeer } from './index';

it('smoke', async () => {
  const peer = await startServiceBusPeer();
  const client = new ServiceBusClient(peer.connectionString, { retryOptions: { maxRetries: 1, retryDelayInMs: 100, timeoutInMs: 5000 } });
  try {
    const sender = client.createSender('rebuilds');
    await sender.sendMessages({ body: { a: 1 }, messageId: 'm1' });
    const batch = await sender.createMessageBatch();
    expect(batch.tryAddMessage({ body: 'x' })).toBe(true);
    expect(batch.tryAddMessage({ body: 'y' })).toBe(true);
    await sender.sendMessages(batch);
    expect(peer.counts('rebuilds')).toMatchObject({ active: 3 });
    const receiver = client.createReceiver('rebuilds');
    const got = await receiver.receiveMessages(5, { maxWaitTimeInMs: 1000 });
    expect(got.map((m) => m.body)).toEqual([{ a: 1 }, 'x', 'y']);
    await receiver.completeMessage(got[0]!);
    await receiver.abandonMessage(got[1]!);
    await receiver.deadLetterMessage(got[2]!, { deadLetterReason: 'bad', deadLetterErrorDescription: 'worse' });
    expect(peer.counts('rebuilds')).toMatchObject({ active: 1, locked: 0, deadLettered: 1 });
    const again = await receiver.receiveMessages(5, { maxWaitTimeInMs: 500 });
    expect(again.map((m) => [m.body, m.deliveryCount])).toEqual([['x', 1]]);
    await receiver.completeMessage(again[0]!);
    const dlq = client.createReceiver('rebuilds', { subQueueType: 'deadLetter' });
    const dead = await dlq.receiveMessages(1, { maxWaitTimeInMs: 500 });
    expect(dead[0]?.deadLetterReason).toBe('bad');
  } finally {
    await client.close();
    await peer.close();
  }
});
