import { describe, expect, it } from '@jest/globals';
import type { DeadLetter, QueuedMessage } from '../local-queue-store';
import { LOCK_MS, T0, aMessage, at, receiveOptions, useStore, type ContractStore, type OpenStore } from './contract-fixtures';

async function receiveOne(store: ContractStore, now = T0): Promise<QueuedMessage> {
  const [message] = await store.receive(receiveOptions({ max: 1, now }));
  if (message === undefined) throw new Error('nothing to receive');
  return message;
}

function expectedDeadLetter(messageId: string, reason: string, description: string, when: Date): DeadLetter {
  const { subject, body, properties } = aMessage(messageId);
  return { messageId, subject, body, properties, deliveryCount: 1, reason, description, deadLetteredAt: when.toISOString() };
}

export function describeQueueSettleContract(open: OpenStore): void {
  describe('local queue: settle', () => {
    const store = useStore(open);

    it('completes a message for good', async () => {
      await store().enqueue([aMessage('m1')], T0);
      const message = await receiveOne(store());

      const completed = await store().complete(message.lockToken, at(1));

      expect(completed).toBe(true);
      expect(await store().complete(message.lockToken, at(2))).toBe(false);
      expect(await store().receive(receiveOptions({ now: at(10 * LOCK_MS) }))).toEqual([]);
      expect(await store().stats(at(3))).toEqual({ active: 0, locked: 0, deadLettered: 0, completed: 1 });
    });

    it('abandons a message: available again at once, delivery count kept', async () => {
      await store().enqueue([aMessage('m1')], T0);
      const message = await receiveOne(store());

      const abandoned = await store().abandon(message.lockToken, at(1));

      expect(abandoned).toBe(true);
      expect(await receiveOne(store(), at(2))).toMatchObject({ messageId: 'm1', deliveryCount: 2 });
    });

    it('dead-letters a message with a reason; dead letters list newest first', async () => {
      await store().enqueue([aMessage('m1'), aMessage('m2')], T0);
      const first = await receiveOne(store());
      const second = await receiveOne(store());

      await store().deadLetter(first.lockToken, 'BuildFailed', 'exit code 1', at(1));
      await store().deadLetter(second.lockToken, 'BadMessage', 'unknown type', at(2));

      expect(await store().deadLetters(10)).toEqual([
        expectedDeadLetter('m2', 'BadMessage', 'unknown type', at(2)),
        expectedDeadLetter('m1', 'BuildFailed', 'exit code 1', at(1)),
      ]);
      expect(await store().deadLetters(1)).toHaveLength(1);
      expect(await store().receive(receiveOptions({ now: at(10 * LOCK_MS) }))).toEqual([]);
    });

    it('resubmits named dead letters with a fresh delivery count; unknown ids are left out', async () => {
      await store().enqueue([aMessage('m1'), aMessage('m2')], T0);
      await store().deadLetter((await receiveOne(store())).lockToken, 'BuildFailed', 'x', at(1));
      await store().deadLetter((await receiveOne(store(), at(1))).lockToken, 'BuildFailed', 'y', at(2));

      expect(await store().resubmitDeadLetters(['m1', 'nope'], at(3))).toEqual(['m1']);

      expect(await store().deadLetters(10)).toEqual([expectedDeadLetter('m2', 'BuildFailed', 'y', at(2))]);
      expect(await receiveOne(store(), at(4))).toMatchObject({ messageId: 'm1', deliveryCount: 1 });
      expect(await store().resubmitDeadLetters(['m1'], at(5))).toEqual([]);
    });

    it('resubmits every dead letter', async () => {
      await store().enqueue([aMessage('m1'), aMessage('m2')], T0);
      await store().deadLetter((await receiveOne(store())).lockToken, 'BuildFailed', 'x', at(1));
      await store().deadLetter((await receiveOne(store(), at(1))).lockToken, 'BuildFailed', 'y', at(2));

      expect((await store().resubmitDeadLetters('all', at(3))).sort()).toEqual(['m1', 'm2']);
      expect(await store().stats(at(4))).toEqual({ active: 2, locked: 0, deadLettered: 0, completed: 0 });
    });

    it('renews a lock so it outlives the original expiry', async () => {
      await store().enqueue([aMessage('m1')], T0);
      const message = await receiveOne(store());

      const renewed = await store().renewLock(message.lockToken, LOCK_MS, at(LOCK_MS - 1));

      expect(renewed).toBe(at(2 * LOCK_MS - 1).toISOString());
      expect(await store().receive(receiveOptions({ now: at(LOCK_MS) }))).toEqual([]);
      expect(await store().complete(message.lockToken, at(LOCK_MS + 1))).toBe(true);
    });

    it('settles nothing with a stale token once the message went to another receiver', async () => {
      await store().enqueue([aMessage('m1')], T0);
      const stale = await receiveOne(store());
      const current = await receiveOne(store(), at(LOCK_MS));
      const now = at(LOCK_MS + 1);

      const outcomes = [
        await store().complete(stale.lockToken, now),
        await store().abandon(stale.lockToken, now),
        await store().deadLetter(stale.lockToken, 'r', 'd', now),
        await store().renewLock(stale.lockToken, LOCK_MS, now),
      ];

      expect(outcomes).toEqual([false, false, false, null]);
      expect(await store().complete(current.lockToken, now)).toBe(true);
    });

    it('settles nothing once the lock expired, even before anyone received it again', async () => {
      await store().enqueue([aMessage('m1')], T0);
      const message = await receiveOne(store());
      const expired = at(LOCK_MS);

      expect(await store().complete(message.lockToken, expired)).toBe(false);
      expect(await store().abandon(message.lockToken, expired)).toBe(false);
      expect(await store().deadLetter(message.lockToken, 'r', 'd', expired)).toBe(false);
      expect(await store().renewLock(message.lockToken, LOCK_MS, expired)).toBeNull();
      expect(await store().complete('00000000-0000-4000-8000-000000000000', T0)).toBe(false);
    });

    it('counts active, locked, dead-lettered and completed messages', async () => {
      await store().enqueue(['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => aMessage(id)), T0);
      const [a, b, c] = await store().receive(receiveOptions({ max: 3 }));
      await store().complete(a!.lockToken, T0);
      await store().deadLetter(b!.lockToken, 'r', 'd', T0);

      const now = await store().stats(at(1));
      const afterExpiry = await store().stats(at(LOCK_MS));

      expect(c).toBeDefined();
      expect(now).toEqual({ active: 2, locked: 1, deadLettered: 1, completed: 1 });
      expect(afterExpiry).toEqual({ active: 3, locked: 0, deadLettered: 1, completed: 1 });
    });
  });
}
