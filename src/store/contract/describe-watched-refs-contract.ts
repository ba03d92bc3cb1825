import { describe, expect, it } from '@jest/globals';
import { aDependency, aPush, aTask, T0, useStore, type OpenStore } from './contract-fixtures';

const NODE = 'docker.io/library/node:20';
const ALPINE = 'docker.io/library/alpine:3.20';
const APP = 'registry.example/team/app:1';
const digest = (c: string) => `sha256:${c.repeat(64)}`;

export function describeWatchedRefsContract(open: OpenStore): void {
  describe('watched refs and poll state', () => {
    const store = useStore(open);

    it('lists each tracked ref once, with the distinct digests its dependents recorded', async () => {
      await store().createTask(aTask('a', [], { dependencies: [aDependency(NODE, { digest: digest('1') }), aDependency(APP)] }));
      await store().createTask(aTask('b', [], { dependencies: [aDependency(NODE, { digest: digest('2') })] }));
      await store().createTask(aTask('c', [], { dependencies: [aDependency(NODE, { digest: digest('1') }), aDependency(ALPINE, { digest: null })] }));

      const tracked = await store().listTrackedRefs();

      expect(tracked).toEqual([
        { ref: ALPINE, registry: 'docker.io', digests: [] },
        { ref: NODE, registry: 'docker.io', digests: [digest('1'), digest('2')] },
        { ref: APP, registry: 'registry.example', digests: [digest('a')] },
      ]);
    });

    it('leaves out refs that could trigger nothing: disabled triggers, build-time bases of Runtime triggers', async () => {
      const trigger = { name: 'defaultBaseimageTriggerName', enabled: false, type: 'Runtime' as const };
      await store().createTask(aTask('off', [NODE], { baseImageTrigger: trigger }));
      await store().createTask(aTask('runtime', [], { dependencies: [aDependency(ALPINE, { type: 'BuildTime' })] }));
      await store().createTask(aTask('all', [], { dependencies: [aDependency(APP, { type: 'BuildTime' })], baseImageTrigger: { ...trigger, enabled: true, type: 'All' } }));

      const tracked = await store().listTrackedRefs();

      expect(tracked.map((t) => t.ref)).toEqual([APP]);
    });

    it('keeps the newest poll state per ref, listed by registry', async () => {
      const seenAt = T0.toISOString();
      await store().savePollStates([
        { ref: NODE, registry: 'docker.io', digest: digest('1'), mediaType: 'application/vnd.oci.image.index.v1+json', seenAt },
        { ref: APP, registry: 'registry.example', digest: digest('2'), mediaType: null, seenAt },
      ]);

      await store().savePollStates([{ ref: NODE, registry: 'docker.io', digest: digest('3'), mediaType: null, seenAt }]);
      await store().savePollStates([]);

      expect(await store().listPollStates('docker.io')).toEqual([{ ref: NODE, registry: 'docker.io', digest: digest('3'), mediaType: null, seenAt }]);
      expect(await store().listPollStates('nowhere.example')).toEqual([]);
    });

    it('says whether an event reported a digest for a ref', async () => {
      await store().appendEvents([aPush('e1', NODE, { digest: digest('1') })], []);

      expect(await store().hasEventFor(NODE, digest('1'))).toBe(true);
      expect(await store().hasEventFor(NODE, digest('2'))).toBe(false);
      expect(await store().hasEventFor(ALPINE, digest('1'))).toBe(false);
    });

    it('counts the pushes reconciliation found, per registry, from the inbox', async () => {
      const found = (id: string, ref: string) => aPush(id, ref, { source: 'poll' });
      await store().appendEvents([
        found('reconcile:a', NODE),
        found('reconcile:bb', ALPINE),
        found('poll:c', NODE),
        aPush('reconcile:webhook-id', NODE, { digest: digest('9') }),
        found('reconcile:d', 'docker.io.example/app:1'),
      ], []);

      expect(await store().countMissedNotifications('docker.io')).toBe(2);
      expect(await store().countMissedNotifications('docker.io.example')).toBe(1);
      expect(await store().countMissedNotifications('registry.example')).toBe(0);
    });
  });
}
