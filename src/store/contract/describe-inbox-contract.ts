import { describe, expect, it } from '@jest/globals';
import type { IgnoredEvent } from '../../core/image-pushed';
import { T0, aPush, at, useStore, type OpenStore } from './contract-fixtures';

function anIgnored(eventId: string, overrides: Partial<IgnoredEvent> = {}): IgnoredEvent {
  return { source: 'distribution', eventId, action: 'pull', reason: 'pull events trigger nothing', ref: null, receivedAt: T0.toISOString(), ...overrides };
}

export function describeInboxContract(open: OpenStore): void {
  describe('inbox', () => {
    const store = useStore(open);

    it('stores new events and returns them pending, oldest first', async () => {
      const first = aPush('e1');
      const second = aPush('e2', 'docker.io/library/alpine:3.20', { source: 'acr', digest: null, mediaType: null });

      const result = await store().appendEvents([first, second], []);

      expect(result).toEqual({ stored: 2, duplicates: 0 });
      const pending = await store().pendingEvents(10, T0);
      expect(pending).toEqual([
        { ...first, seq: expect.any(Number), status: 'pending', attempts: 0, note: null, runsCreated: 0, processedAt: null },
        { ...second, seq: expect.any(Number), status: 'pending', attempts: 0, note: null, runsCreated: 0, processedAt: null },
      ]);
      expect(pending[0]!.seq).toBeLessThan(pending[1]!.seq);
    });

    it('counts a redelivery (same source and event id) as a duplicate, not an error', async () => {
      await store().appendEvents([aPush('e1')], []);

      const result = await store().appendEvents([aPush('e1'), aPush('e2')], []);

      expect(result).toEqual({ stored: 1, duplicates: 1 });
      expect((await store().pendingEvents(10, T0)).map((event) => event.eventId)).toEqual(['e1', 'e2']);
    });

    it('counts a repeat inside one batch as a duplicate', async () => {
      expect(await store().appendEvents([aPush('e1'), aPush('e1')], [])).toEqual({ stored: 1, duplicates: 1 });
    });

    it('appends several deliveries in one call, with one result each, duplicates across them counted', async () => {
      await store().appendEvents([aPush('e0')], []);

      const results = await store().appendDeliveries([
        { events: [aPush('e0'), aPush('e1')], ignored: [] },
        { events: [aPush('e1')], ignored: [anIgnored('p1')] },
        { events: [], ignored: [] },
      ]);

      expect(results).toEqual([{ stored: 1, duplicates: 1 }, { stored: 1, duplicates: 1 }, { stored: 0, duplicates: 0 }]);
      expect((await store().pendingEvents(10, T0)).map((event) => event.eventId)).toEqual(['e0', 'e1']);
    });

    it('tells sources apart: one event id from two sources is two events', async () => {
      const result = await store().appendEvents([aPush('e1'), aPush('e1', undefined, { source: 'acr' })], []);

      expect(result).toEqual({ stored: 2, duplicates: 0 });
    });

    it('keeps ignored events with their reason, never pending, and counts their redelivery', async () => {
      await store().appendEvents([], [anIgnored('ping-1'), anIgnored('d1', { action: 'delete', reason: 'tag deleted', ref: 'docker.io/library/node:20' })]);

      const again = await store().appendEvents([aPush('ping-1')], [anIgnored('ping-1')]);

      expect(again).toEqual({ stored: 0, duplicates: 2 });
      expect(await store().pendingEvents(10, T0)).toEqual([]);
      const recent = await store().recentEvents(10);
      expect(recent.map((event) => [event.eventId, event.status, event.note, event.digest])).toEqual([
        ['d1', 'ignored', 'tag deleted', null],
        ['ping-1', 'ignored', 'pull events trigger nothing', null],
      ]);
      expect(recent[0]!.ref).toBe('docker.io/library/node:20');
    });

    it('returns at most `limit` pending events', async () => {
      await store().appendEvents([aPush('e1'), aPush('e2'), aPush('e3')], []);

      const pending = await store().pendingEvents(2, T0);

      expect(pending.map((event) => event.eventId)).toEqual(['e1', 'e2']);
    });

    it('defers an event until its retry time, counting the attempt and keeping the error', async () => {
      await store().appendEvents([aPush('e1'), aPush('e2')], []);
      const [first] = await store().pendingEvents(1, T0);

      await store().deferEvent(first!.seq, at(5_000), 'registry unreachable');

      expect((await store().pendingEvents(10, at(4_999))).map((event) => event.eventId)).toEqual(['e2']);
      const due = await store().pendingEvents(10, at(5_000));
      expect(due.map((event) => event.eventId)).toEqual(['e1', 'e2']);
      expect(due[0]).toMatchObject({ attempts: 1, note: 'registry unreachable', status: 'pending' });
    });

    it('records a digest learned after receipt', async () => {
      await store().appendEvents([aPush('hub-1', 'docker.io/library/node:20', { source: 'dockerhub', digest: null, mediaType: null })], []);
      const [event] = await store().pendingEvents(1, T0);

      await store().setEventDigest(event!.seq, `sha256:${'c'.repeat(64)}`, 'application/vnd.oci.image.index.v1+json');

      expect((await store().pendingEvents(1, T0))[0]).toMatchObject({
        digest: `sha256:${'c'.repeat(64)}`, mediaType: 'application/vnd.oci.image.index.v1+json',
      });
    });

    it('lists recent events newest first, whatever their status', async () => {
      await store().appendEvents([aPush('e1'), aPush('e2')], []);
      await store().appendEvents([], [anIgnored('i1')]);
      await store().appendEvents([aPush('e3')], []);

      const recent = await store().recentEvents(3);

      expect(recent.map((event) => event.eventId)).toEqual(['e3', 'i1', 'e2']);
    });
  });
}
