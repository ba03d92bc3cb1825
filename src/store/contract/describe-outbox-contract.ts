import { describe, expect, it } from '@jest/globals';
import { at, seedRuns, toMessage, useStore, type OpenStore } from './contract-fixtures';

const LEASE_MS = 30_000;

export function describeOutboxContract(open: OpenStore): void {
  describe('outbox', () => {
    const store = useStore(open);

    it('claims unsent messages oldest first, up to the limit, counting the attempt', async () => {
      const runs = await seedRuns(store(), 3);

      const claimed = await store().claimOutbox(2, at(0), LEASE_MS);

      expect(claimed).toEqual(runs.slice(0, 2).map((run) => ({ ...toMessage(run), runId: run.id, attempts: 1, seq: expect.any(Number) })));
      expect(claimed[0]!.seq).toBeLessThan(claimed[1]!.seq);
    });

    it('leases claimed messages: not claimed again before the lease ends, claimed after', async () => {
      const [run] = await seedRuns(store(), 1);
      await store().claimOutbox(10, at(0), LEASE_MS);

      const during = await store().claimOutbox(10, at(LEASE_MS - 1), LEASE_MS);
      const after = await store().claimOutbox(10, at(LEASE_MS), LEASE_MS);

      expect(during).toEqual([]);
      expect(after.map((row) => [row.runId, row.attempts])).toEqual([[run!.id, 2]]);
    });

    it('never claims a sent message again', async () => {
      await seedRuns(store(), 2);
      const [first] = await store().claimOutbox(1, at(0), LEASE_MS);

      await store().markSent([first!.seq], at(10));

      const later = await store().claimOutbox(10, at(LEASE_MS * 10), LEASE_MS);
      expect(later.map((row) => row.seq)).not.toContain(first!.seq);
      expect(later.length).toBe(1);
    });

    it('releases a message for a retry at a given time', async () => {
      await seedRuns(store(), 1);
      const [row] = await store().claimOutbox(1, at(0), LEASE_MS);

      await store().releaseOutbox([row!.seq], at(5_000), 'bus unreachable');

      expect(await store().claimOutbox(10, at(4_999), LEASE_MS)).toEqual([]);
      expect((await store().claimOutbox(10, at(5_000), LEASE_MS)).map((claimed) => claimed.seq)).toEqual([row!.seq]);
    });

    it('gives up on a message the bus refused for good: never claimed again, its run ends in Error with the reason', async () => {
      const runs = await seedRuns(store(), 2);
      const [row] = await store().claimOutbox(1, at(0), LEASE_MS);

      await store().failOutbox([row!.seq], 'DISPATCH_MESSAGE_TOO_LARGE: too large', at(10));

      expect((await store().claimOutbox(10, at(LEASE_MS * 10), LEASE_MS)).map((claimed) => claimed.runId)).toEqual([runs[1]!.id]);
      expect(await store().getRun(runs[0]!.id)).toMatchObject({ status: 'Error' });
      expect(await store().getRunOutcome(runs[0]!.id)).toMatchObject({ reason: 'DISPATCH_MESSAGE_TOO_LARGE: too large' });
      expect(await store().getRun(runs[1]!.id)).toMatchObject({ status: 'Queued' });
    });

    it('reports how many messages are unsent and the age of the oldest', async () => {
      const runs = await seedRuns(store(), 2);
      const [first] = await store().claimOutbox(1, at(0), LEASE_MS);
      await store().markSent([first!.seq], at(0));
      const later = new Date(Date.parse(runs[1]!.createdAt) + 60_000);

      const depth = await store().outboxDepth(later);

      expect(depth.pending).toBe(1);
      expect(depth.oldestAgeMs).toBeGreaterThanOrEqual(59_000);
      expect(depth.oldestAgeMs).toBeLessThanOrEqual(61_000);
    });

    it('reports an empty outbox', async () => {
      expect(await store().outboxDepth(new Date())).toEqual({ pending: 0, oldestAgeMs: null });
    });
  });
}
