import { execFileSync } from 'node:child_process';
import { createBuildLog } from './build-log';
import { runProcess, type RunProcessOptions } from './run-process';

// Real processes through /bin/sh: the process group handling is the point.
function run(script: string, extra: Partial<RunProcessOptions> = {}) {
  const log = createBuildLog();
  const result = runProcess({ command: '/bin/sh', args: ['-c', script], shown: 'sh script', log, timeoutMs: 10_000, ...extra });
  return { log, result };
}

/** A sleep with a duration no other process uses is findable by its command line. */
const alive = (marker: string) => {
  try {
    return execFileSync('pgrep', ['-f', marker]).toString().trim() !== '';
  } catch {
    return false;
  }
};

describe('runProcess', () => {
  it('logs the shown command, then stdout and stderr as they come', async () => {
    const { log, result } = run('echo out; echo err >&2; exit 3');

    expect(await result).toEqual({ kind: 'exited', code: 3, signal: null, output: expect.stringMatching(/out\n[^]*err\n|err\n[^]*out\n/) });
    expect(log.text()).toMatch(/^\$ sh script\n/);
  });

  it('ends the whole process group at the timeout', async () => {
    const marker = `sleep 40.${process.pid}1`;
    const started = Date.now();
    const { result } = run(`${marker} & wait`, { timeoutMs: 300 });

    expect((await result).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(alive(marker)).toBe(false);
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const { result } = run("trap '' TERM; echo ready; while :; do sleep 0.05; done", { timeoutMs: 300, killGraceMs: 200 });

    expect((await result).kind).toBe('timeout');
  });

  it('ends on abort, and does not start when already aborted', async () => {
    const controller = new AbortController();
    const { result } = run('sleep 30', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);

    expect((await result).kind).toBe('aborted');
    expect((await run('echo never', { signal: AbortSignal.abort() }).result).kind).toBe('aborted');
  });

  it('does not wait for a background child that keeps the pipes open', async () => {
    const marker = `sleep 40.${process.pid}2`;
    const started = Date.now();

    const result = await run(`${marker} & echo done`).result;

    expect(result).toMatchObject({ kind: 'exited', code: 0 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(alive(marker)).toBe(false);
  });

  it('reports a command that cannot start', async () => {
    const result = await runProcess({ command: '/nonexistent/buildah', args: [], shown: 'buildah', log: createBuildLog(), timeoutMs: 1000 });

    expect(result).toMatchObject({ kind: 'not-started', message: expect.stringContaining('ENOENT') });
  });
});
