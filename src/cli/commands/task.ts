import type { Command } from 'commander';
import { createApiClient } from '../api-client';
import type { CliIo } from '../main';
import { outputFormat } from '../options';
import { printRun, printRuns, printTask, printTasks, type TaskJson } from '../print-task';
import { addTaskFlags, taskBody, type TaskFlags } from './task-flags';

interface Common { server: string; output?: 'json' | 'table' }

/** `cascade task …`, shaped like `az acr task`. */
export function registerTask(program: Command, io: CliIo): void {
  const task = program.command('task').description('manage tasks (like az acr task)');
  const common = (command: Command) => command
    .option('--server <url>', 'Cascade server (env CASCADE_URL)', io.env.CASCADE_URL ?? 'http://127.0.0.1:8080')
    .option('-o, --output <format>', 'json or table', outputFormat(['json', 'table']));
  const api = (options: Common) => createApiClient({ server: options.server, env: io.env, token: 'admin' });
  const out = (options: Common, fallback: 'json' | 'table') => options.output ?? fallback;

  addTaskFlags(common(task.command('create').description('create a task and start tracking its base images')), io.env)
    .requiredOption('-n, --name <name>', 'task name')
    .action(async (options: Common & TaskFlags & { name: string }) => {
      const created = await api(options)<TaskJson>('POST', '/api/tasks', { name: options.name, ...taskBody(options) });
      printTask(io, created, out(options, 'json'));
    });
  addTaskFlags(common(task.command('update').description('change a task; its Dockerfile is read again')), io.env)
    .requiredOption('-n, --name <name>', 'task name')
    .action(async (options: Common & TaskFlags & { name: string }) => {
      const updated = await api(options)<TaskJson>('PATCH', `/api/tasks/${encodeURIComponent(options.name)}`, taskBody(options));
      printTask(io, updated, out(options, 'json'));
    });
  common(task.command('show').description('show a task').requiredOption('-n, --name <name>', 'task name'))
    .action(async (options: Common & { name: string }) => {
      printTask(io, await api(options)('GET', `/api/tasks/${encodeURIComponent(options.name)}`), out(options, 'json'));
    });
  common(task.command('list').description('list tasks'))
    .action(async (options: Common) => {
      printTasks(io, await api(options)('GET', '/api/tasks'), out(options, 'table'));
    });
  common(task.command('delete').description('delete a task and its runs').requiredOption('-n, --name <name>', 'task name'))
    .action(async (options: Common & { name: string }) => {
      await api(options)('DELETE', `/api/tasks/${encodeURIComponent(options.name)}`);
    });
  common(task.command('run').description('queue a manual run').requiredOption('-n, --name <name>', 'task name'))
    .action(async (options: Common & { name: string }) => {
      printRun(io, await api(options)('POST', `/api/tasks/${encodeURIComponent(options.name)}/runs`), out(options, 'json'));
    });
  common(task.command('list-runs').description('list runs, newest first').option('-n, --name <name>', "only this task's runs").option('--top <n>', 'how many', '20'))
    .action(async (options: Common & { name?: string; top: string }) => {
      const query = new URLSearchParams({ limit: options.top, ...(options.name ? { task: options.name } : {}) });
      printRuns(io, await api(options)('GET', `/api/runs?${query}`), out(options, 'table'));
    });
  common(task.command('logs').description("print a finished run's whole build log").requiredOption('--run-id <id>', 'run id'))
    .action(async (options: Common & { runId: string }) => {
      io.stdout(await api(options)<string>('GET', `/api/runs/${encodeURIComponent(options.runId)}/log`));
    });
  common(task.command('show-run').description('show a run').requiredOption('--run-id <id>', 'run id'))
    .action(async (options: Common & { runId: string }) => {
      printRun(io, await api(options)('GET', `/api/runs/${encodeURIComponent(options.runId)}`), out(options, 'json'));
    });
}
