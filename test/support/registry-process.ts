import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpProbe } from './http-probe';

export interface RegistryProcess {
  /** The last 2 KB the registry wrote to stderr (its log). */
  stderrTail(): string;
  stop(): Promise<void>;
}

const STDERR_KEEP = 16 * 1024;
const READY_TIMEOUT_MS = 10_000;

/**
 * A watchdog around the registry: it kills the registry when its stdin (a pipe from this process) closes,
 * which also happens when a jest worker is killed by a signal and no 'exit' hook runs. Async lists get
 * /dev/null as stdin in sh, hence fd 3.
 */
const WATCHDOG = `exec 3<&0
/usr/bin/docker-registry serve "$1" 3<&- &
pid=$!
(read -r _ <&3; kill $pid 2>/dev/null) &
wait $pid`;

const live = new Set<number>();
process.on('exit', () => live.forEach((pid) => killGroup(pid)));

/** Starts `docker-registry serve <configPath>` and resolves once `GET <url>/v2/` answers 200 or 401. */
export async function spawnRegistry(configPath: string, url: string, ca?: Buffer): Promise<RegistryProcess> {
  // Its own process group, so one signal reaches the watchdog, the registry and the reader.
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'cascade-registry', configPath], { stdio: ['pipe', 'ignore', 'pipe'], detached: true });
  const pid = child.pid ?? 0;
  live.add(pid);
  // A registry a test forgot to stop must not keep the worker alive; the watchdog ends it with us.
  child.unref();
  for (const pipe of [child.stdin, child.stderr]) (pipe as Socket | null)?.unref();
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  let hasExited = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    hasExited = true;
    live.delete(pid);
    resolve();
  }));
  const stderrTail = (): string => stderr.slice(-2000);
  const stop = async (): Promise<void> => {
    if (hasExited) return;
    child.stdin?.end();
    const killer = setTimeout(() => killGroup(pid), 5000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (hasExited) throw new Error(`docker-registry exited during startup (code ${child.exitCode}):\n${stderrTail()}`);
    const status = await httpProbe(`${url}/v2/`, ca);
    if (status === 200 || status === 401) return { stderrTail, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry not ready after ${READY_TIMEOUT_MS} ms (last status ${status}):\n${stderrTail()}`);
    }
    await sleep(20);
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
