import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import { startPeerAndClient, type PeerAndClient } from './client-fixture';

describe('a queue through the real ServiceBusClient', () => {
  let env: PeerAndClient;

  beforeEach(async () => {
    env = await startPeerAndClient({
      entities: [
        { name: 'rebuilds', type: 'queue', duplicateDetection: true },
        { name: 'short-locks', type: 'queue', lockDurationMs: 300, maxDeliveryCount: 2 },
        { name: 'one-second-locks', type: 'queue', lockDurationMs: 1000 },
      ],
    });
  });
  afterEach(() => env.close());

  it('stores single, array and batch sends, assigning a message id when absent', async () => {
    const sender = env.client.createSender('rebuilds');

    await sender.sendMessages({ body: { n: 1 }, messageId: 'one' });
    await sender.sendMessages([{ body: { n: 2 } }, { body: { n: 3 } }]);
    const batch = await sender.createMessageBatch();
    expect(batch.tryAddMessage({ body: { n: 4 }, subject: 'dev.cascade.rebuild.requested.v1' })).toBe(true);
    expect(batch.tryAddMessage({ body: { n: 5 }, applicationProperties: { task: 't1' } })).toBe(true);
    await sender.sendMessages(batch);

    const views = env.peer.messages('rebuilds');
    expect(views.map((m) => m.body)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
    expect(views[0]?.messageId).toBe('one');
    expect(views.every((m) => m.messageId.length > 0)).toBe(true);
    expect(views[3]?.subject).toBe('dev.cascade.rebuild.requested.v1');
    expect(views[4]?.applicationProperties).toEqual({ task: 't1' });
    expect(env.peer.stats('rebuilds')).toEqual({ received: 5, duplicatesDropped: 0 });
  });

  it('peek-locks and completes, abandons (delivery count +1) and dead-letters with a reason', async () => {
    await env.client.createSender('rebuilds').sendMessages([{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
    const receiver = env.client.createReceiver('rebuilds');

    const [a, b, c] = (await receiver.receiveMessages(3, { maxWaitTimeInMs: 1000 })) as ServiceBusReceivedMessage[];
    expect([a?.body, b?.body, c?.body]).toEqual(['a', 'b', 'c']);
    expect(a?.deliveryCount).toBe(0);
    expect(a?.sequenceNumber?.toNumber()).toBe(1);
    expect(env.peer.counts('rebuilds')).toEqual({ active: 3, locked: 3, deadLettered: 0, scheduled: 0, deferred: 0 });
    await receiver.completeMessage(a!);
    await receiver.abandonMessage(b!);
    await receiver.deadLetterMessage(c!, { deadLetterReason: 'BuildFailed', deadLetterErrorDescription: 'exit code 2' });

    expect(env.peer.counts('rebuilds')).toEqual({ active: 1, locked: 0, deadLettered: 1, scheduled: 0, deferred: 0 });
    const [again] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });
    expect([again?.body, again?.deliveryCount]).toEqual(['b', 1]);
    await receiver.completeMessage(again!);
    const dlq = env.client.createReceiver('rebuilds', { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 1000 });
    expect([dead?.body, dead?.deadLetterReason, dead?.deadLetterErrorDescription]).toEqual(['c', 'BuildFailed', 'exit code 2']);
    await dlq.completeMessage(dead!);
    expect(env.peer.counts('rebuilds')).toEqual({ active: 0, locked: 0, deadLettered: 0, scheduled: 0, deferred: 0 });
  });

  it('renews a message lock', async () => {
    await env.client.createSender('one-second-locks').sendMessages({ body: 'long build' });
    const receiver = env.client.createReceiver('one-second-locks', { maxAutoLockRenewalDurationInMs: 0 });
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });
    const firstLock = message!.lockedUntilUtc!.getTime();

    await new Promise((r) => setTimeout(r, 600));
    const renewed = await receiver.renewMessageLock(message!);
    await new Promise((r) => setTimeout(r, 600));
    await receiver.completeMessage(message!);

    expect(renewed.getTime()).toBeGreaterThan(firstLock);
    expect(env.peer.counts('one-second-locks').active).toBe(0);
  });

  it('keeps a lock through the SDK auto lock renewal', async () => {
    await env.client.createSender('one-second-locks').sendMessages({ body: 'long build' });
    const receiver = env.client.createReceiver('one-second-locks', { maxAutoLockRenewalDurationInMs: 10_000 });
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });

    await new Promise((r) => setTimeout(r, 2500));
    await receiver.completeMessage(message!);

    expect(env.peer.counts('one-second-locks')).toMatchObject({ active: 0, deadLettered: 0 });
  });

  it('redelivers a message whose lock expired, and refuses the late settlement', async () => {
    await env.client.createSender('short-locks').sendMessages({ body: 'slow' });
    const receiver = env.client.createReceiver('short-locks', { maxAutoLockRenewalDurationInMs: 0 });
    const [first] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });

    await new Promise((r) => setTimeout(r, 450));
    const late = await receiver.completeMessage(first!).catch((e: unknown) => e);
    const [second] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });

    expect(late).toMatchObject({ code: 'MessageLockLost' });
    expect([second?.body, second?.deliveryCount]).toEqual(['slow', 1]);
    await receiver.completeMessage(second!);
  });

  it('dead-letters a message after the max delivery count with reason MaxDeliveryCountExceeded', async () => {
    await env.client.createSender('short-locks').sendMessages({ body: 'poison' });
    const receiver = env.client.createReceiver('short-locks');

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });
      await receiver.abandonMessage(message!);
    }

    expect(env.peer.counts('short-locks')).toMatchObject({ active: 0, deadLettered: 1 });
    const [dead] = env.peer.messages('short-locks', 'deadletter');
    expect([dead?.body, dead?.deadLetterReason, dead?.deliveryCount]).toEqual(['poison', 'MaxDeliveryCountExceeded', 2]);
  });

  it('drops a resent message id inside the duplicate detection window, accepting the send', async () => {
    const sender = env.client.createSender('rebuilds');

    await sender.sendMessages({ body: 'first', messageId: 'request-key-1' });
    await sender.sendMessages({ body: 'resend', messageId: 'request-key-1' });
    await sender.sendMessages({ body: 'other', messageId: 'request-key-2' });

    expect(env.peer.messages('rebuilds').map((m) => m.body)).toEqual(['first', 'other']);
    expect(env.peer.stats('rebuilds')).toEqual({ received: 3, duplicatesDropped: 1 });
  });

  it('receives and deletes', async () => {
    await env.client.createSender('rebuilds').sendMessages([{ body: 1 }, { body: 2 }]);
    const receiver = env.client.createReceiver('rebuilds', { receiveMode: 'receiveAndDelete' });

    const got = await receiver.receiveMessages(5, { maxWaitTimeInMs: 500 });

    expect(got.map((m) => m.body)).toEqual([1, 2]);
    expect(env.peer.counts('rebuilds').active).toBe(0);
  });

  it('refuses a message too large for an empty batch with tryAddMessage false', async () => {
    const batch = await env.client.createSender('rebuilds').createMessageBatch();

    expect(batch.maxSizeInBytes).toBe(262_144);
    expect(batch.tryAddMessage({ body: 'x'.repeat(300_000) })).toBe(false);
    expect(batch.count).toBe(0);
  });

  it('peeks without locking, schedules and cancels, defers and receives deferred', async () => {
    const sender = env.client.createSender('rebuilds');
    await sender.sendMessages([{ body: 'p1' }, { body: 'p2' }]);
    const [seq] = await sender.scheduleMessages({ body: 'later' }, new Date(Date.now() + 60_000));
    const receiver = env.client.createReceiver('rebuilds');

    const peeked = await receiver.peekMessages(10);
    expect(peeked.map((m) => m.body)).toEqual(['p1', 'p2', 'later']);
    expect(env.peer.counts('rebuilds')).toMatchObject({ active: 2, locked: 0, scheduled: 1 });
    await sender.cancelScheduledMessages(seq!);
    expect(env.peer.counts('rebuilds').scheduled).toBe(0);

    const [p1] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 500 });
    await receiver.deferMessage(p1!);
    expect(env.peer.counts('rebuilds')).toMatchObject({ active: 1, deferred: 1 });
    const [deferred] = await receiver.receiveDeferredMessages(p1!.sequenceNumber!);
    expect([deferred?.body, deferred?.deliveryCount]).toEqual(['p1', 1]);
    await receiver.completeMessage(deferred!);
    expect(env.peer.counts('rebuilds')).toMatchObject({ active: 1, deferred: 0 });
  });

  it('enqueues a message sent with a scheduled enqueue time when the time comes', async () => {
    await env.client.createSender('rebuilds').sendMessages({ body: 'soon', scheduledEnqueueTimeUtc: new Date(Date.now() + 300) });
    expect(env.peer.counts('rebuilds')).toMatchObject({ active: 0, scheduled: 1 });

    const got = await env.client.createReceiver('rebuilds').receiveMessages(1, { maxWaitTimeInMs: 2000 });

    expect(got.map((m) => m.body)).toEqual(['soon']);
  });
});
