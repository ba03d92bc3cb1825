import { randomBytes, randomUUID } from 'node:crypto';
import { buildRebuildMessage } from '../core/rebuild-message';
import type { Run } from '../core/run';
import type { Task, TaskSpec } from '../core/task';
import { CascadeError } from '../errors';
import type { RegistryClient } from '../registry';
import type { Store } from '../store/store';
import { createTaskSchema, updateTaskSchema } from './task-input';
import { trackDependencies } from './track-dependencies';
import { validateInput } from './validate-input';

export interface TaskServiceDeps {
  readonly store: Store;
  readonly registry: Pick<RegistryClient, 'resolveDigest'>;
  readonly readDockerfile: (context: string, dockerfile: string) => Promise<string>;
  /** Called after a run was queued, so the relay sends it at once. */
  readonly onRunsCreated: () => void;
  readonly now?: () => Date;
}

/** Tasks shaped on `az acr task`: create, update, show, list, delete, run. */
export function createTaskService(deps: TaskServiceDeps) {
  const now = deps.now ?? (() => new Date());

  async function track(spec: TaskSpec) {
    const text = await deps.readDockerfile(spec.context, spec.dockerfile);
    return trackDependencies(spec, text, deps.registry);
  }

  async function get(name: string): Promise<Task> {
    const task = await deps.store.getTask(name);
    if (!task) throw new CascadeError('TASK_NOT_FOUND', `no task named "${name}"`);
    return task;
  }

  return {
    get,
    list: () => deps.store.listTasks(),

    async create(input: unknown): Promise<Task> {
      const spec: TaskSpec = validateInput(createTaskSchema, input);
      if (await deps.store.getTask(spec.name)) throw new CascadeError('TASK_ALREADY_EXISTS', `a task named "${spec.name}" exists; use update`);
      const tracking = await track(spec);
      const at = now().toISOString();
      const task: Task = { ...spec, id: randomUUID(), updateTriggerToken: randomBytes(24).toString('base64url'), ...tracking, createdAt: at, updatedAt: at };
      await deps.store.createTask(task);
      return task;
    },

    async update(name: string, input: unknown): Promise<Task> {
      const patch = validateInput(updateTaskSchema, input);
      const current = await get(name);
      const spec: TaskSpec = {
        ...current,
        ...patch,
        baseImageTrigger: { ...current.baseImageTrigger, ...patch.baseImageTrigger },
      };
      const tracking = await track(spec);
      const task: Task = { ...current, ...spec, ...tracking, updatedAt: now().toISOString() };
      await deps.store.updateTask(task);
      return task;
    },

    async remove(name: string): Promise<void> {
      if (!(await deps.store.deleteTask(name))) throw new CascadeError('TASK_NOT_FOUND', `no task named "${name}"`);
    },

    /** A manual run: the same queue and agents, trigger `Manual`. */
    async run(name: string): Promise<Run> {
      const task = await get(name);
      const run = await deps.store.createRun(
        { taskId: task.id, taskName: task.name, trigger: 'Manual', imageUpdateTrigger: null, rootEvent: null, hop: 0, requestKey: `manual-${randomUUID()}` },
        (created) => buildRebuildMessage(task, created),
      );
      deps.onRunsCreated();
      return run;
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
