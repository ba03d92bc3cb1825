import { describe, expect, it } from '@jest/globals';
import { aDependency, aNewRun, aTask, rejectionCode, toMessage, useStore, type OpenStore } from './contract-fixtures';

const NODE = 'docker.io/library/node:20';
const ALPINE = 'docker.io/library/alpine:3.20';

export function describeTaskContract(open: OpenStore): void {
  describe('tasks', () => {
    const store = useStore(open);

    it('returns a created task as given, dependencies in order', async () => {
      const task = aTask('web', [NODE, ALPINE], {
        buildArgs: { NODE_VERSION: '20' }, target: 'runtime', agentPool: 'arm', updateTriggerEndpoint: 'https://hooks.example/cascade',
        warnings: ['could not resolve docker.io/library/alpine:3.20'],
        dependencies: [aDependency(NODE, { type: 'BuildTime', platform: 'linux/arm64' }), aDependency(ALPINE, { digest: null })],
      });

      await store().createTask(task);

      expect(await store().getTask('web')).toEqual(task);
    });

    it('answers null for an unknown name', async () => {
      expect(await store().getTask('nope')).toBeNull();
    });

    it('refuses a second task with a taken name (TASK_ALREADY_EXISTS), names being case-sensitive', async () => {
      await store().createTask(aTask('web'));

      const taken = await rejectionCode(store().createTask(aTask('web', [], { id: 'other-id' })));
      await store().createTask(aTask('Web'));

      expect(taken).toBe('TASK_ALREADY_EXISTS');
      expect((await store().listTasks()).map((task) => task.name).sort()).toEqual(['Web', 'web']);
    });

    it('lists every task with its dependencies', async () => {
      const tasks = [aTask('a', [NODE]), aTask('b', [NODE, ALPINE]), aTask('c')];
      for (const task of tasks) await store().createTask(task);

      const listed = await store().listTasks();

      expect([...listed].sort((x, y) => x.name.localeCompare(y.name))).toEqual(tasks);
    });

    it('replaces a task and its dependencies on update', async () => {
      await store().createTask(aTask('web', [NODE]));
      const updated = aTask('web', [ALPINE], { context: '/src/web', updatedAt: '2026-02-02T00:00:00.000Z' });

      await store().updateTask(updated);

      expect(await store().getTask('web')).toEqual(updated);
      expect(await store().findDependents(NODE)).toEqual([]);
      expect((await store().findDependents(ALPINE)).map((dependent) => dependent.task.name)).toEqual(['web']);
    });

    it('refuses to update a task that is gone (TASK_NOT_FOUND)', async () => {
      expect(await rejectionCode(store().updateTask(aTask('ghost')))).toBe('TASK_NOT_FOUND');
    });

    it('refuses to rename a task onto a taken name (TASK_ALREADY_EXISTS)', async () => {
      await store().createTask(aTask('a'));
      await store().createTask(aTask('b'));

      const code = await rejectionCode(store().updateTask(aTask('a', [], { id: 'task-b' })));

      expect(code).toBe('TASK_ALREADY_EXISTS');
      expect((await store().getTask('b'))?.id).toBe('task-b');
    });

    it('deletes a task with its dependencies, its runs and their unsent messages', async () => {
      const task = aTask('web', [NODE]);
      await store().createTask(task);
      const run = await store().createRun(aNewRun(task, 'k1'), toMessage);

      const deleted = await store().deleteTask('web');

      expect(deleted).toBe(true);
      expect(await store().getTask('web')).toBeNull();
      expect(await store().findDependents(NODE)).toEqual([]);
      expect(await store().getRun(run.id)).toBeNull();
      expect(await store().listRuns({ limit: 10 })).toEqual([]);
      expect(await store().outboxDepth(new Date())).toEqual({ pending: 0, oldestAgeMs: null });
    });

    it('answers false when deleting an unknown task', async () => {
      expect(await store().deleteTask('nope')).toBe(false);
    });

    it('finds each dependent, whole, with the dependency that matched', async () => {
      const web = aTask('web', [ALPINE, NODE]);
      const api = aTask('api', [NODE]);
      await store().createTask(web);
      await store().createTask(api);
      await store().createTask(aTask('other', [ALPINE]));

      const dependents = await store().findDependents(NODE);

      const sorted = [...dependents].sort((x, y) => x.task.name.localeCompare(y.task.name));
      expect(sorted).toEqual([
        { task: api, dependency: api.dependencies[0] },
        { task: web, dependency: web.dependencies[1] },
      ]);
    });

    it('finds nothing for a ref no task depends on', async () => {
      await store().createTask(aTask('web', [NODE]));

      expect(await store().findDependents('docker.io/library/node:22')).toEqual([]);
    });
  });
}
