import { describe, expect, it } from '@jest/globals';
import { T0, aDependency, aNewRun, aPush, aTask, at, toMessage, useStore, type ContractStore, type OpenStore } from './contract-fixtures';

const NODE = 'docker.io/library/node:20';
const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
const CHILD = `sha256:${'c'.repeat(64)}`;

async function seqOf(store: ContractStore, eventId: string): Promise<number> {
  const event = (await store.recentEvents(100)).find((candidate) => candidate.eventId === eventId);
  if (event === undefined) throw new Error(`no event ${eventId}`);
  return event.seq;
}

/** Issue 6 §2: the inbox operations of the settle window, and index digests moved forward. */
export function describeSettleWindowContract(open: OpenStore): void {
  describe('settle window and platform children', () => {
    const store = useStore(open);

    it('holds an event until a time, with a note, without counting an attempt', async () => {
      await store().appendEvents([aPush('e1')], []);

      await store().holdEvent(await seqOf(store(), 'e1'), at(2000), 'settling');

      expect(await store().pendingEvents(10, at(1999))).toEqual([]);
      expect(await store().pendingEvents(10, at(2000))).toMatchObject([{ eventId: 'e1', status: 'pending', attempts: 0, note: 'settling' }]);
    });

    it('lists the pending events of one ref, due or not, oldest first', async () => {
      await store().appendEvents([aPush('e1'), aPush('other', 'docker.io/library/alpine:3'), aPush('e2'), aPush('e3')], []);
      await store().holdEvent(await seqOf(store(), 'e2'), at(60_000), 'settling');
      await store().supersedeEvents([await seqOf(store(), 'e3')], 'gone');

      const pending = await store().pendingEventsOfRef(NODE);

      expect(pending.map((event) => event.eventId)).toEqual(['e1', 'e2']);
    });

    it('closes superseded events with the note and no runs, leaving processed ones alone', async () => {
      await store().appendEvents([aPush('e1'), aPush('e2'), aPush('e3')], []);
      const [e1, e2, e3] = [await seqOf(store(), 'e1'), await seqOf(store(), 'e2'), await seqOf(store(), 'e3')];
      await store().completeEvent(e2, [], toMessage, 'matched');

      await store().supersedeEvents([e1, e2], 'superseded by distribution:e3');

      const events = Object.fromEntries((await store().recentEvents(10)).map((event) => [event.eventId, event]));
      expect(events.e1).toMatchObject({ status: 'processed', runsCreated: 0, note: 'superseded by distribution:e3', processedAt: expect.any(String) });
      expect(events.e2).toMatchObject({ status: 'processed', note: 'matched' });
      expect(await store().pendingEvents(10, T0)).toMatchObject([{ seq: e3 }]);
    });

    it('keeps the platform children of a dependency with the task', async () => {
      const task = aTask('web', [], { dependencies: [aDependency(NODE, { platformDigests: { 'linux/amd64': CHILD } }), aDependency('docker.io/library/alpine:3')] });

      await store().createTask(task);

      const stored = await store().getTask('web');
      expect(stored?.dependencies[0]?.platformDigests).toEqual({ 'linux/amd64': CHILD });
      expect(stored?.dependencies[1]).not.toHaveProperty('platformDigests');
      expect((await store().findDependents(NODE))[0]?.dependency.platformDigests).toEqual({ 'linux/amd64': CHILD });
    });

    it('moves a recorded digest forward with the event, only while it is still the previous one', async () => {
      const web = aTask('web', [], { dependencies: [aDependency(NODE, { digest: OLD, platformDigests: { 'linux/amd64': CHILD } })] });
      const api = aTask('api', [], { dependencies: [aDependency(NODE, { digest: CHILD })] });
      await store().createTask(web);
      await store().createTask(api);
      await store().appendEvents([aPush('e1')], []);

      await store().completeEvents([{
        seq: await seqOf(store(), 'e1'), runs: [aNewRun(api, 'k-api')], toMessage, note: 'matched',
        dependencyUpdates: [
          { taskId: web.id, ref: NODE, previousDigest: OLD, digest: NEW },
          { taskId: api.id, ref: NODE, previousDigest: OLD, digest: NEW },
        ],
      }]);

      expect((await store().getTask('web'))?.dependencies[0]).toMatchObject({ digest: NEW, platformDigests: { 'linux/amd64': CHILD } });
      expect((await store().getTask('api'))?.dependencies[0]?.digest).toBe(CHILD);
      expect(await store().listRuns({ limit: 10 })).toHaveLength(1);
    });

    it('does not move digests again when a processed event is completed again (a replay)', async () => {
      const web = aTask('web', [], { dependencies: [aDependency(NODE, { digest: OLD })] });
      await store().createTask(web);
      await store().appendEvents([aPush('e1')], []);
      const seq = await seqOf(store(), 'e1');
      await store().completeEvent(seq, [], toMessage, 'first');

      await store().completeEvents([{ seq, runs: [], toMessage, note: 'replay', dependencyUpdates: [{ taskId: web.id, ref: NODE, previousDigest: OLD, digest: NEW }] }]);

      expect((await store().getTask('web'))?.dependencies[0]?.digest).toBe(OLD);
    });
  });
}
