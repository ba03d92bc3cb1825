import type { Task, TaskSpec, TrackedDependency } from '../../core/task';

export interface TaskRow {
  readonly id: string;
  readonly name: string;
  readonly spec: string;
  readonly dependencies: string;
  readonly warnings: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** The recipe fields, never queried on, and the task's notification token. */
type SpecColumn = Omit<TaskSpec, 'name'> & Pick<Task, 'updateTriggerToken'>;

export function taskToRow(task: Task): TaskRow {
  // Picked field by field so nothing outside the types (an extra property at runtime) is persisted.
  const spec: SpecColumn = {
    images: task.images, context: task.context, dockerfile: task.dockerfile, buildArgs: task.buildArgs,
    target: task.target, platform: task.platform, agentPool: task.agentPool, baseImageTrigger: task.baseImageTrigger,
    updateTriggerEndpoint: task.updateTriggerEndpoint, updateTriggerPayloadType: task.updateTriggerPayloadType,
    updateTriggerToken: task.updateTriggerToken, timeoutSeconds: task.timeoutSeconds,
  };
  const dependencies: TrackedDependency[] = task.dependencies.map(({ type, ref, registry, repository, tag, digest, platform, platformDigests }) => ({
    type, ref, registry, repository, tag, digest, platform, ...(platformDigests ? { platformDigests } : {}),
  }));
  return {
    id: task.id, name: task.name, spec: JSON.stringify(spec), dependencies: JSON.stringify(dependencies),
    warnings: JSON.stringify(task.warnings), created_at: task.createdAt, updated_at: task.updatedAt,
  };
}

export function rowToTask(row: TaskRow): Task {
  // Our own writes (taskToRow): trusted rather than re-validated on every read.
  const spec = JSON.parse(row.spec) as SpecColumn;
  return {
    ...spec,
    // Tasks stored before these fields existed notify with the default payload.
    updateTriggerPayloadType: spec.updateTriggerPayloadType ?? 'Default', id: row.id, name: row.name, dependencies: JSON.parse(row.dependencies) as TrackedDependency[],
    warnings: JSON.parse(row.warnings) as string[], createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
