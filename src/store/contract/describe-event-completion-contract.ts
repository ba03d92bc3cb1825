import { describe, expect, it } from '@jest/globals';
import type { Run } from '../../core/run';
import type { Task } from '../../core/task';
import type { InboxEvent } from '../store';
import { T0, aNewRun, aPush, aTask, at, rejectionCode, toMessage, useStore, type ContractStore, type OpenStore } from './contract-fixtures';

async function pendingEvent(store: ContractStore, eventId: string): Promise<InboxEvent> {
  await store.appendEvents([aPush(eventId)], []);
  const event = (await store.pendingEvents(100, T0)).find((pending) => pending.eventId === eventId);
  if (event === undefined) throw new Error(`event ${eventId} is not pending`);
  return event;
}

async function twoTasks(store: ContractStore): Promise<[Task, Task]> {
  const web = aTask('web');
  const api = aTask('api');
  await store.createTask(web);
  await store.createTask(api);
  return [web, api];
}

export function describeEventCompletionContract(open: OpenStore): void {
  describe('completeEvent', () => {
    const store = useStore(open);

    it('creates the runs with their outbox messages and marks the event processed', async () => {
      const [web, api] = await twoTasks(store());
      const event = await pendingEvent(store(), 'e1');

      const runs = await store().completeEvent(event.seq, [aNewRun(web, 'k-web'), aNewRun(api, 'k-api')], toMessage, '2 dependents');

      expect(runs).toEqual([
        { ...aNewRun(web, 'k-web'), id: expect.stringMatching(/^cr\d+$/), status: 'Queued', createdAt: expect.any(String), updatedAt: runs[0]!.createdAt },
        { ...aNewRun(api, 'k-api'), id: expect.stringMatching(/^cr\d+$/), status: 'Queued', createdAt: expect.any(String), updatedAt: runs[1]!.createdAt },
      ]);
      expect(await store().getRun(runs[0]!.id)).toEqual(runs[0]);
      const claimed = await store().claimOutbox(10, at(0), 60_000);
      expect(claimed.map(({ runId, messageId, sessionId, subject, body, properties }) => ({ runId, messageId, sessionId, subject, body, properties })))
        .toEqual(runs.map((run) => ({ runId: run.id, ...toMessage(run) })));
      expect(await store().pendingEvents(10, T0)).toEqual([]);
      expect((await store().recentEvents(1))[0]).toMatchObject({ status: 'processed', runsCreated: 2, note: '2 dependents', processedAt: expect.any(String) });
    });

    it('is a no-op on replay: completing a processed event again returns [] and writes nothing', async () => {
      const [web] = await twoTasks(store());
      const event = await pendingEvent(store(), 'e1');
      await store().completeEvent(event.seq, [aNewRun(web, 'k1')], toMessage, 'first');

      const replay = await store().completeEvent(event.seq, [aNewRun(web, 'k2')], toMessage, 'replay');

      expect(replay).toEqual([]);
      expect((await store().listRuns({ limit: 10 })).map((run) => run.requestKey)).toEqual(['k1']);
      expect((await store().outboxDepth(new Date())).pending).toBe(1);
      expect((await store().recentEvents(1))[0]).toMatchObject({ runsCreated: 1, note: 'first' });
    });

    it('creates one run per request key, across events and within one', async () => {
      const [web, api] = await twoTasks(store());
      const first = await pendingEvent(store(), 'e1');
      const second = await pendingEvent(store(), 'e2');
      await store().completeEvent(first.seq, [aNewRun(web, 'k-web')], toMessage, null);

      const runs = await store().completeEvent(second.seq, [aNewRun(web, 'k-web'), aNewRun(api, 'k-api'), aNewRun(api, 'k-api')], toMessage, null);

      expect(runs.map((run) => run.requestKey)).toEqual(['k-api']);
      expect((await store().listRuns({ limit: 10 })).length).toBe(2);
      expect((await store().outboxDepth(new Date())).pending).toBe(2);
      expect((await store().recentEvents(1))[0]).toMatchObject({ eventId: 'e2', status: 'processed', runsCreated: 1 });
    });

    it('creates at most one run per task and root event, whatever the request key', async () => {
      const [web] = await twoTasks(store());
      const first = await pendingEvent(store(), 'e1');
      const second = await pendingEvent(store(), 'e2');
      await store().completeEvent(first.seq, [aNewRun(web, 'k-hop0', { rootEvent: 'distribution:root', hop: 0 })], toMessage, null);

      const again = await store().completeEvent(second.seq, [aNewRun(web, 'k-hop2', { rootEvent: 'distribution:root', hop: 2 })], toMessage, null);

      expect(again).toEqual([]);
      expect((await store().listRuns({ limit: 10 })).map((run) => run.requestKey)).toEqual(['k-hop0']);
    });

    it('keeps deferred runs until their rebuild fails, or drops them once the task gets its run of the chain', async () => {
      const [web, api] = await twoTasks(store());
      const first = await pendingEvent(store(), 'e1');
      const waitingWeb = aNewRun(web, 'k-web', { rootEvent: 'distribution:root' });
      const waitingApi = aNewRun(api, 'k-api', { rootEvent: 'distribution:root' });
      await store().completeEvents([{ seq: first.seq, runs: [], deferred: [{ waitingOn: 'reg/base:1', run: waitingWeb }, { waitingOn: 'reg/base:1', run: waitingApi }], toMessage, note: null }]);
      const second = await pendingEvent(store(), 'e2');
      await store().completeEvent(second.seq, [aNewRun(api, 'k-api-chain', { rootEvent: 'distribution:root', hop: 1 })], toMessage, null);

      const released = await store().releaseDeferredRuns('distribution:root', ['reg/base:1', 'reg/other:1']);

      expect(released).toEqual([waitingWeb]);
      expect(await store().releaseDeferredRuns('distribution:root', ['reg/base:1'])).toEqual([]);
    });

    it('lists the runs deferred on a ref without removing them; the run of their task does', async () => {
      const [web, api] = await twoTasks(store());
      const first = await pendingEvent(store(), 'e1');
      const waitingWeb = aNewRun(web, 'k-web', { rootEvent: 'distribution:root' });
      const waitingApi = aNewRun(api, 'k-api', { rootEvent: 'distribution:root' });
      await store().completeEvents([{ seq: first.seq, runs: [], deferred: [{ waitingOn: 'reg/base:1', run: waitingWeb }, { waitingOn: 'reg/other:1', run: waitingApi }], toMessage, note: null }]);

      const listed = await store().deferredRunsWaitingOn('distribution:root', 'reg/base:1');
      const second = await pendingEvent(store(), 'e2');
      await store().completeEvent(second.seq, listed, toMessage, null);

      expect(listed).toEqual([waitingWeb]);
      expect(await store().deferredRunsWaitingOn('distribution:root', 'reg/base:1')).toEqual([]);
      expect(await store().deferredRunsWaitingOn('distribution:root', 'reg/other:1')).toEqual([waitingApi]);
      expect(await store().deferredRunsWaitingOn('distribution:other', 'reg/other:1')).toEqual([]);
    });

    it('rolls back the runs and leaves the event pending when toMessage throws', async () => {
      const [web, api] = await twoTasks(store());
      const event = await pendingEvent(store(), 'e1');
      const failOnApi = (run: Run) => {
        if (run.taskName === 'api') throw new Error('cannot build the message');
        return toMessage(run);
      };

      await expect(store().completeEvent(event.seq, [aNewRun(web, 'k-web'), aNewRun(api, 'k-api')], failOnApi, null)).rejects.toThrow('cannot build the message');

      expect(await store().listRuns({ limit: 10 })).toEqual([]);
      expect(await store().outboxDepth(new Date())).toEqual({ pending: 0, oldestAgeMs: null });
      expect((await store().pendingEvents(10, T0)).map((pending) => pending.seq)).toEqual([event.seq]);
    });

    it('refuses a run of a task that is gone (TASK_NOT_FOUND) and writes nothing', async () => {
      const [web] = await twoTasks(store());
      const event = await pendingEvent(store(), 'e1');

      const code = await rejectionCode(store().completeEvent(event.seq, [aNewRun(web, 'k1'), aNewRun(aTask('ghost'), 'k2')], toMessage, null));

      expect(code).toBe('TASK_NOT_FOUND');
      expect(await store().listRuns({ limit: 10 })).toEqual([]);
      expect((await store().pendingEvents(10, T0)).length).toBe(1);
    });

    it('completes several events in one call, rolling back only the one that fails', async () => {
      const [web, api] = await twoTasks(store());
      const first = await pendingEvent(store(), 'e1');
      const broken = await pendingEvent(store(), 'e2');
      const third = await pendingEvent(store(), 'e3');

      const results = await store().completeEvents([
        { seq: first.seq, runs: [aNewRun(web, 'k1')], toMessage, note: 'one' },
        { seq: broken.seq, runs: [aNewRun(api, 'k2'), aNewRun(aTask('ghost'), 'k3')], toMessage, note: null },
        { seq: third.seq, runs: [aNewRun(api, 'k4')], toMessage, note: 'three' },
      ]);

      expect(results.map((result) => ('runs' in result ? result.runs.map((run) => run.requestKey) : 'error'))).toEqual([['k1'], 'error', ['k4']]);
      expect((await store().listRuns({ limit: 10 })).map((run) => run.requestKey).sort()).toEqual(['k1', 'k4']);
      expect((await store().outboxDepth(new Date())).pending).toBe(2);
      expect((await store().pendingEvents(10, T0)).map((pending) => pending.eventId)).toEqual(['e2']);
    });

    it('does nothing for an ignored event', async () => {
      const [web] = await twoTasks(store());
      await store().appendEvents([], [{ source: 'acr', eventId: 'p1', action: 'ping', reason: 'ping', ref: null, receivedAt: T0.toISOString() }]);
      const [ignored] = await store().recentEvents(1);

      const runs = await store().completeEvent(ignored!.seq, [aNewRun(web, 'k1')], toMessage, null);

      expect(runs).toEqual([]);
      expect((await store().recentEvents(1))[0]).toMatchObject({ status: 'ignored', runsCreated: 0 });
    });
  });
}
