import { describe, expect, it } from '@jest/globals';
import { LOCK_MS, T0, aMessage, at, receiveOptions, useStore, type OpenStore } from './contract-fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function describeQueueReceiveContract(open: OpenStore): void {
  describe('local queue: enqueue and receive', () => {
    const store = useStore(open);

    it('delivers oldest first, locked, with delivery count 1 and the message as enqueued', async () => {
      const first = aMessage('m1', { properties: { task: 'web', trigger: 'Manual' } });
      await store().enqueue([first, aMessage('m2')], T0);

      const received = await store().receive(receiveOptions({ max: 1, now: at(1_000) }));

      expect(received).toEqual([{ ...first, lockToken: expect.stringMatching(UUID), lockedUntil: at(1_000 + LOCK_MS).toISOString(), deliveryCount: 1, enqueuedAt: T0.toISOString() }]);
    });

    it('ignores a duplicate message id, even after the first was completed', async () => {
      await store().enqueue([aMessage('m1')], T0);
      const [message] = await store().receive(receiveOptions());
      await store().complete(message!.lockToken, T0);

      const added = await store().enqueue([aMessage('m1'), aMessage('m2'), aMessage('m2')], T0);

      expect(added).toBe(1);
      expect((await store().receive(receiveOptions())).map((received) => received.messageId)).toEqual(['m2']);
    });

    it('does not deliver a locked message again before its lock expires', async () => {
      await store().enqueue([aMessage('m1')], T0);
      await store().receive(receiveOptions());

      expect(await store().receive(receiveOptions({ now: at(LOCK_MS - 1) }))).toEqual([]);
    });

    it('redelivers once the lock expires, with delivery count 2 and a new token', async () => {
      await store().enqueue([aMessage('m1')], T0);
      const [first] = await store().receive(receiveOptions());

      const [again] = await store().receive(receiveOptions({ now: at(LOCK_MS) }));

      expect(again).toMatchObject({ messageId: 'm1', deliveryCount: 2 });
      expect(again!.lockToken).not.toBe(first!.lockToken);
    });

    it('dead-letters a message that reached maxDeliveries instead of delivering it', async () => {
      await store().enqueue([aMessage('m1')], T0);
      await store().receive(receiveOptions({ maxDeliveries: 2 }));
      await store().receive(receiveOptions({ maxDeliveries: 2, now: at(LOCK_MS) }));

      const third = await store().receive(receiveOptions({ maxDeliveries: 2, now: at(2 * LOCK_MS) }));

      expect(third).toEqual([]);
      const [dead] = await store().deadLetters(10);
      expect(dead).toMatchObject({ messageId: 'm1', reason: 'MaxDeliveryCountExceeded', deliveryCount: 2 });
      expect(dead!.description).toContain('2');
    });

    it('never locks two messages of one session at once', async () => {
      await store().enqueue([aMessage('m1', { sessionId: 's' }), aMessage('m2', { sessionId: 's' }), aMessage('m3', { sessionId: 't' })], T0);

      const first = await store().receive(receiveOptions());
      const whileLocked = await store().receive(receiveOptions({ now: at(1) }));
      await store().complete(first[0]!.lockToken, at(2));
      const afterComplete = await store().receive(receiveOptions({ now: at(3) }));

      expect(first.map((message) => message.messageId)).toEqual(['m1', 'm3']);
      expect(whileLocked).toEqual([]);
      expect(afterComplete.map((message) => message.messageId)).toEqual(['m2']);
    });

    it('delivers only the pool asked for; pool null means messages without agentPool', async () => {
      await store().enqueue([
        aMessage('gpu-1', { properties: { agentPool: 'gpu' } }), aMessage('any-1'), aMessage('arm-1', { properties: { agentPool: 'arm' } }),
      ], T0);

      const gpu = await store().receive(receiveOptions({ pool: 'gpu' }));
      const none = await store().receive(receiveOptions({ pool: null }));
      const other = await store().receive(receiveOptions({ pool: 'x86' }));

      expect(gpu.map((message) => message.messageId)).toEqual(['gpu-1']);
      expect(none.map((message) => message.messageId)).toEqual(['any-1']);
      expect(other).toEqual([]);
    });

    it('locks at most `max` messages', async () => {
      await store().enqueue(['m1', 'm2', 'm3'].map((id) => aMessage(id)), T0);

      const received = await store().receive(receiveOptions({ max: 2 }));

      expect(received.map((message) => message.messageId)).toEqual(['m1', 'm2']);
      expect(await store().stats(T0)).toEqual({ active: 1, locked: 2, deadLettered: 0, completed: 0 });
    });
  });
}
