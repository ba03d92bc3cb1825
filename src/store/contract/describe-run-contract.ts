import { describe, expect, it } from '@jest/globals';
import { aNewRun, aTask, at, rejectionCode, seedRuns, toMessage, useStore, type OpenStore } from './contract-fixtures';

function idNumber(id: string): number {
  return Number(/^cr(\d+)$/.exec(id)?.[1] ?? Number.NaN);
}

export function describeRunContract(open: OpenStore): void {
  describe('runs', () => {
    const store = useStore(open);

    it('creates a manual run, Queued, with its outbox message', async () => {
      const task = aTask('web');
      await store().createTask(task);
      const before = Date.now();

      const run = await store().createRun(aNewRun(task, 'manual-1', { trigger: 'Manual', imageUpdateTrigger: null, rootEvent: null, hop: 0 }), toMessage);

      expect(run).toMatchObject({ taskId: task.id, taskName: 'web', status: 'Queued', trigger: 'Manual', imageUpdateTrigger: null, requestKey: 'manual-1' });
      expect(Date.parse(run.createdAt)).toBeGreaterThanOrEqual(before - 1_000);
      expect(run.updatedAt).toBe(run.createdAt);
      expect((await store().claimOutbox(10, at(0), 1_000)).map((row) => [row.runId, row.messageId])).toEqual([[run.id, 'manual-1']]);
    });

    it('returns the existing run for a known request key and writes nothing', async () => {
      const [existing] = await seedRuns(store(), 1);
      const task = (await store().getTask('web'))!;

      const again = await store().createRun(aNewRun(task, existing!.requestKey), toMessage);

      expect(again).toEqual(existing);
      expect((await store().listRuns({ limit: 10 })).length).toBe(1);
      expect((await store().outboxDepth(new Date())).pending).toBe(1);
    });

    it('assigns ids cr1, cr2, … that increase and are never reused, even after a delete', async () => {
      const first = await seedRuns(store(), 3, 'web');
      await store().deleteTask('web');

      const [later] = await seedRuns(store(), 1, 'api');

      const numbers = [...first, later!].map((run) => idNumber(run.id));
      expect(numbers.every(Number.isInteger)).toBe(true);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(4);
    });

    it('reads a run back by id, and null for an unknown or malformed id', async () => {
      const [run] = await seedRuns(store(), 1);

      expect(await store().getRun(run!.id)).toEqual(run);
      expect(await store().getRun('cr999999')).toBeNull();
      expect(await store().getRun('not-a-run')).toBeNull();
    });

    it('round-trips the image update trigger', async () => {
      const task = aTask('web');
      await store().createTask(task);
      const newRun = aNewRun(task, 'k1', { rootEvent: 'acr:root', hop: 3 });

      const run = await store().createRun(newRun, toMessage);

      expect(await store().getRun(run.id)).toMatchObject({ imageUpdateTrigger: newRun.imageUpdateTrigger, rootEvent: 'acr:root', hop: 3, trigger: 'Image Update' });
    });

    it('lists runs newest first, limited, optionally of one task', async () => {
      const web = await seedRuns(store(), 3, 'web');
      const api = await seedRuns(store(), 2, 'api');

      const newest = await store().listRuns({ limit: 4 });
      const ofWeb = await store().listRuns({ taskName: 'web', limit: 10 });

      expect(newest.map((run) => run.id)).toEqual([api[1]!, api[0]!, web[2]!, web[1]!].map((run) => run.id));
      expect(ofWeb.map((run) => run.id)).toEqual([...web].reverse().map((run) => run.id));
      expect(await store().listRuns({ taskName: 'nope', limit: 10 })).toEqual([]);
    });

    it('sets a run status and its updatedAt', async () => {
      const [run] = await seedRuns(store(), 1);

      await store().setRunStatus(run!.id, 'Running');

      const updated = await store().getRun(run!.id);
      expect(updated).toMatchObject({ status: 'Running', createdAt: run!.createdAt });
      expect(Date.parse(updated!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(run!.updatedAt));
    });

    it('refuses a status for an unknown run (RUN_NOT_FOUND)', async () => {
      expect(await rejectionCode(store().setRunStatus('cr424242', 'Failed'))).toBe('RUN_NOT_FOUND');
      expect(await rejectionCode(store().setRunStatus('bogus', 'Failed'))).toBe('RUN_NOT_FOUND');
    });
  });
}
