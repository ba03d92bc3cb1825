import { spawn } from 'node:child_process';
import type { BuildLog } from './build-log';

export type ProcessResult =
  | { readonly kind: 'exited'; readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly output: string }
  | { readonly kind: 'timeout' | 'aborted'; readonly output: string }
  | { readonly kind: 'not-started'; readonly message: string; readonly output: string };

export interface RunProcessOptions {
  readonly command: string;
  readonly args: readonly string[];
  /** Written to the log before the output instead of the real arguments, which may hold secrets. */
  readonly shown: string;
  readonly log: BuildLog;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Between SIGTERM and SIGKILL: buildah removes its working container on SIGTERM. */
  readonly killGraceMs?: number;
}

const OUTPUT_KEPT = 16 * 1024;
/** How long to wait for the pipes to close after the process exits (a child it left may hold them). */
const DRAIN_MS = 2000;

/**
 * Runs one command without a shell, its stdout and stderr into the build log, in its own process
 * group: a timeout or an abort ends the whole group (buildah's chroot runtime, the RUN step's
 * shell and its children), not just the leader. `output` is the last 16 KiB this command wrote.
 */
export function runProcess(options: RunProcessOptions): Promise<ProcessResult> {
  const { log } = options;
  log.write(`$ ${options.shown}\n`);
  let output = '';
  const record = (text: string) => {
    log.write(text);
    output = (output + text).slice(-OUTPUT_KEPT);
  };
  if (options.signal?.aborted) return Promise.resolve({ kind: 'aborted', output });

  return new Promise((resolve) => {
    const child = spawn(options.command, [...options.args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: options.env, cwd: options.cwd });
    let ended: 'timeout' | 'aborted' | null = null;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let killer: NodeJS.Timeout | undefined;
    let drain: NodeJS.Timeout | undefined;

    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    const end = (why: 'timeout' | 'aborted') => {
      if (ended !== null || exit !== null) return;
      ended = why;
      killGroup('SIGTERM');
      killer = setTimeout(() => killGroup('SIGKILL'), options.killGraceMs ?? 5000);
    };
    const timer = setTimeout(() => end('timeout'), Math.max(0, options.timeoutMs));
    const onAbort = () => end('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const settle = (result: ProcessResult) => {
      clearTimeout(timer);
      clearTimeout(killer);
      clearTimeout(drain);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const finished = () => {
      if (exit === null) return;
      settle(ended === null ? { kind: 'exited', ...exit, output } : { kind: ended, output });
    };

    child.stdout.setEncoding('utf8').on('data', record);
    child.stderr.setEncoding('utf8').on('data', record);
    child.once('error', (error) => settle({ kind: 'not-started', message: error.message, output }));
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      drain = setTimeout(() => {
        killGroup('SIGKILL');
        finished();
      }, DRAIN_MS);
    });
    child.once('close', finished);
  });
}
