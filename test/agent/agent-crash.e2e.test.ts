import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_TOKEN, eventually, startCascade, type TestCascade } from '../support/cascade-server';
import { pushImage } from '../support/push-image';
import { startRegistry, type RunningRegistry } from '../support/registry';

// `cascade agent` processes: one is killed mid-build; its message's lock expires; another builds it.
const cli = join(__dirname, '..', '..', 'bin', 'cascade.js');
const work = mkdtempSync(join(tmpdir(), 'cascade-agent-crash-'));
let registry: RunningRegistry;
let cascade: TestCascade;
const agents: ChildProcess[] = [];

function startAgent(name: string): ChildProcess {
  const child = spawn(process.execPath, [cli, 'agent', '--server', cascade.url, '--name', name, '--buildah-root', join(work, name)], {
    env: { PATH: process.env.PATH, CASCADE_AGENT_TOKEN: AGENT_TOKEN, CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]), CASCADE_LOG_LEVEL: 'warn', CASCADE_DATA_DIR: work },
    stdio: 'ignore',
    detached: true, // its own process group, so the kill takes its buildah too
  });
  agents.push(child);
  return child;
}

beforeAll(async () => {
  registry = await startRegistry();
  cascade = await startCascade({ CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]), CASCADE_QUEUE_LOCK_MS: '4000' });
});
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone (the test killed it, or it exited).
  }
}

afterAll(async () => {
  agents.forEach(killGroup);
  try {
    await cascade?.stop();
  } finally {
    await registry?.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

interface RunJson { runId: string; status: string; agent?: string | null }

describe('an agent killed mid-build', () => {
  it('loses its message to another agent once the lock expires, and one Succeeded run results', async () => {
    await pushImage(registry.url, 'base', '1', { marker: 'crash-base' });
    const context = join(work, 'ctx');
    mkdirSync(context);
    writeFileSync(join(context, 'Dockerfile'), `FROM ${registry.host}/base:1\nRUN sleep 3\n`);
    await cascade.api('POST', '/api/tasks', { name: 'slow', images: [`${registry.host}/slow:1`], context });
    const first = startAgent('agent-one');

    const run = (await cascade.api<RunJson>('POST', '/api/tasks/slow/runs')).body;
    await eventually(async () => ((await cascade.api<RunJson>('GET', `/api/runs/${run.runId}`)).body.status === 'Running' ? true : undefined), 30_000, 'the first agent building');
    killGroup(first);
    startAgent('agent-two');

    const done = await eventually(async () => {
      const shown = (await cascade.api<RunJson>('GET', `/api/runs/${run.runId}`)).body;
      return ['Succeeded', 'Failed', 'Error', 'Timeout'].includes(shown.status) ? shown : undefined;
    }, 60_000, 'the run to finish');

    expect(done).toMatchObject({ status: 'Succeeded', agent: 'agent-two' });
    expect((await cascade.api<RunJson[]>('GET', '/api/runs?task=slow')).body).toHaveLength(1);
    const status = (await cascade.api<{ queue: { completed: number; deadLettered: number; active: number } }>('GET', '/api/status')).body;
    expect(status.queue).toMatchObject({ completed: 1, deadLettered: 0, active: 0 });
  }, 120_000);
});
