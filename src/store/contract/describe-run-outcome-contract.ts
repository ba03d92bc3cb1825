import { describe, expect, it } from '@jest/globals';
import type { RunReport } from '../store';
import { T0, aDependency, aNewRun, aTask, rejectionCode, toMessage, useStore, type ContractStore, type OpenStore } from './contract-fixtures';

const NEW = `sha256:${'c'.repeat(64)}`;

function report(overrides: Partial<RunReport> = {}): RunReport {
  return { status: 'Succeeded', reason: null, outputImages: [{ ref: 'registry.example/web:latest', digest: NEW }], dependencies: null, log: 'step 1\nstep 2\n', logTail: 'step 2', ...overrides };
}

async function queuedRun(store: ContractStore) {
  const task = aTask('web', ['docker.io/library/node:20']);
  await store.createTask(task);
  return store.createRun(aNewRun(task, 'k1'), toMessage);
}

export function describeRunOutcomeContract(open: OpenStore): void {
  describe('run outcomes', () => {
    const store = useStore(open);

    it('starts a run for an agent', async () => {
      const run = await queuedRun(store());

      const started = await store().startRun(run.id, 'agent-1', T0);

      expect(started.status).toBe('Started');
      expect(await store().getRunOutcome(run.id)).toMatchObject({ agent: 'agent-1', startedAt: T0.toISOString(), finishedAt: null });
    });

    it('stores the report, the full log, and replaces the task dependencies with those the build used', async () => {
      const run = await queuedRun(store());
      await store().startRun(run.id, 'agent-1', T0);
      const used = [aDependency('docker.io/library/node:22', { digest: NEW })];

      const finished = await store().finishRun(run.id, report({ dependencies: used }), T0);

      expect(finished.status).toBe('Succeeded');
      expect(await store().getRunOutcome(run.id)).toMatchObject({ reason: null, outputImages: [{ ref: 'registry.example/web:latest', digest: NEW }], dependencies: used, logTail: 'step 2', finishedAt: T0.toISOString() });
      expect(await store().getRunLog(run.id)).toBe('step 1\nstep 2\n');
      expect((await store().getTask('web'))?.dependencies).toEqual(used);
      expect(await store().findDependents('docker.io/library/node:20')).toEqual([]);
      expect((await store().findDependents('docker.io/library/node:22')).map((d) => d.task.name)).toEqual(['web']);
    });

    it('keeps the recorded dependencies when the build failed', async () => {
      const run = await queuedRun(store());

      await store().finishRun(run.id, report({ status: 'Failed', reason: 'RUN false exited 1', outputImages: [], dependencies: [aDependency('docker.io/library/node:22')] }), T0);

      expect((await store().getTask('web'))?.dependencies.map((d) => d.ref)).toEqual(['docker.io/library/node:20']);
      expect((await store().getRunOutcome(run.id))?.reason).toBe('RUN false exited 1');
    });

    it('takes the same report twice as one, and refuses to change a final status', async () => {
      const run = await queuedRun(store());
      await store().finishRun(run.id, report(), T0);

      const again = await store().finishRun(run.id, report(), T0);
      const changed = await rejectionCode(store().finishRun(run.id, report({ status: 'Failed' }), T0));
      const restarted = await rejectionCode(store().startRun(run.id, 'agent-2', T0));

      expect(again.status).toBe('Succeeded');
      expect([changed, restarted]).toEqual(['RUN_FINISHED', 'RUN_FINISHED']);
    });

    it('finds the run that pushed a digest, and a run in progress of the task that pushes a ref', async () => {
      const run = await queuedRun(store());
      expect(await store().activeRunProducing('registry.example/web:latest')).toBeNull();

      await store().startRun(run.id, 'agent-1', T0);
      const active = await store().activeRunProducing('registry.example/web:latest');
      await store().finishRun(run.id, report(), T0);

      expect(active?.id).toBe(run.id);
      expect(await store().activeRunProducing('registry.example/web:latest')).toBeNull();
      expect((await store().findRunByOutput('registry.example/web:latest', NEW))?.id).toBe(run.id);
      expect(await store().findRunByOutput('registry.example/web:latest', `sha256:${'d'.repeat(64)}`)).toBeNull();
    });

    it('knows no run it never made', async () => {
      expect(await rejectionCode(store().startRun('cr999', 'a', T0))).toBe('RUN_NOT_FOUND');
      expect(await store().getRunOutcome('cr999')).toBeNull();
      expect(await store().getRunLog('nonsense')).toBeNull();
    });
  });
}
