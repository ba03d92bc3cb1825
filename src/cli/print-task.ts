import type { runView } from '../http/api/run-view';
import type { taskView } from '../http/api/task-view';
import type { CliIo } from './main';
import { formatTable } from './print-table';

export type TaskJson = ReturnType<typeof taskView>;
export type RunJson = ReturnType<typeof runView>;
type Format = 'json' | 'table';

const json = (io: CliIo, value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);
const short = (digest: string | null | undefined) => (digest ? digest.replace(/^sha256:/, '').slice(0, 12) : '-');

export function printTasks(io: CliIo, tasks: TaskJson[], format: Format): void {
  if (format === 'json') return json(io, tasks);
  io.stdout(formatTable(['NAME', 'PLATFORM', 'STATUS', 'TRIGGER', 'BASE IMAGES', 'WARNINGS'], tasks.map((task) => [
    task.name,
    task.platforms?.join(',') ?? [task.platform.os, task.platform.architecture, task.platform.variant].filter(Boolean).join('/'),
    task.status,
    `${task.trigger.baseImageTrigger.baseImageTriggerType} ${task.trigger.baseImageTrigger.status}`,
    String(task.step.baseImageDependencies.length),
    String(task.warnings.length),
  ])));
}

export function printTask(io: CliIo, task: TaskJson, format: Format): void {
  if (format === 'json') return json(io, task);
  printTasks(io, [task], 'table');
  io.stdout(`\n${formatTable(['TYPE', 'BASE IMAGE', 'DIGEST'], task.step.baseImageDependencies.map((d) => [d.type, `${d.registry}/${d.repository}:${d.tag}`, d.digest ?? '(unresolved)']))}`);
  for (const warning of task.warnings) io.stdout(`warning: ${warning}\n`);
}

export function printRuns(io: CliIo, runs: RunJson[], format: Format): void {
  if (format === 'json') return json(io, runs);
  io.stdout(formatTable(['RUN ID', 'TASK', 'STATUS', 'TRIGGER', 'CREATED', 'BASE IMAGE', 'PREVIOUS', 'NEW'], runs.map((run) => {
    const image = run.imageUpdateTrigger?.images[0];
    return [
      run.runId, run.task, run.status, run.trigger, run.createTime,
      image ? `${image.registry}/${image.repository}:${image.tag}` : '-', short(image?.previousDigest), short(image?.digest),
    ];
  })));
}

export function printRun(io: CliIo, run: RunJson, format: Format): void {
  if (format === 'json') return json(io, run);
  printRuns(io, [run], 'table');
}
