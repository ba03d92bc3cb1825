import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { ADMIN_TOKEN, AGENT_TOKEN, eventually, startCascade, type TestCascade } from '../support/cascade-server';

// `cascade task …` against the real server in-process, as a user types it.
let cascade: TestCascade;
let context: string;
beforeAll(async () => {
  cascade = await startCascade();
  context = mkdtempSync(join(tmpdir(), 'cascade-cli-'));
  writeFileSync(join(context, 'Dockerfile'), 'ARG BASE=contoso.azurecr.io/base\nFROM ${BASE}:1 AS build\nFROM contoso.azurecr.io/runtime:1\nCOPY --from=build /out /app\n');
});
afterAll(() => cascade.stop());

async function cascadeCli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'cascade', ...args], {
    stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: { CASCADE_URL: cascade.url, CASCADE_ADMIN_TOKEN: ADMIN_TOKEN },
  });
  process.exitCode = 0;
  return { code, stdout, stderr };
}

describe('cascade task', () => {
  it('creates a task with ACR-style flags and shows its dependencies and trigger as ACR does', async () => {
    const created = await cascadeCli('task', 'create', '--name', 'web', '-t', 'contoso.azurecr.io/web:v1', '-t', 'contoso.azurecr.io/web:latest',
      '-c', context, '--arg', 'BASE=contoso.azurecr.io/base', '--base-image-trigger-type', 'All', '-o', 'json');

    expect(created.code).toBe(0);
    const task = JSON.parse(created.stdout);
    expect(task.step.imageNames).toEqual(['contoso.azurecr.io/web:v1', 'contoso.azurecr.io/web:latest']);
    expect(task.step.baseImageDependencies).toEqual([
      { type: 'RunTime', registry: 'contoso.azurecr.io', repository: 'runtime', tag: '1', digest: null },
      { type: 'BuildTime', registry: 'contoso.azurecr.io', repository: 'base', tag: '1', digest: null },
    ]);
    expect(task.trigger.baseImageTrigger).toMatchObject({ name: 'defaultBaseimageTriggerName', baseImageTriggerType: 'All', status: 'Enabled' });
    expect(task.warnings).toHaveLength(2);
  });

  it('updates only the flags given', async () => {
    const updated = await cascadeCli('task', 'update', '--name', 'web', '--base-image-trigger-enabled', 'false', '-o', 'json');

    const task = JSON.parse(updated.stdout);
    expect(task.trigger.baseImageTrigger).toMatchObject({ baseImageTriggerType: 'All', status: 'Disabled' });
    expect(task.step.imageNames).toHaveLength(2);
  });

  it('lists tasks as a table', async () => {
    const listed = await cascadeCli('task', 'list');

    expect(listed.stdout).toMatch(/^NAME\s+PLATFORM\s+STATUS\s+TRIGGER\s+BASE IMAGES\s+WARNINGS\n/);
    expect(listed.stdout).toMatch(/\nweb\s+linux\/amd64\s+Enabled\s+All Disabled\s+2\s+2\n/);
  });

  it('runs a task manually and lists the run with its trigger', async () => {
    const run = JSON.parse((await cascadeCli('task', 'run', '--name', 'web')).stdout);
    const runs = await cascadeCli('task', 'list-runs', '--name', 'web');
    const shown = JSON.parse((await cascadeCli('task', 'show-run', '--run-id', run.runId)).stdout);

    expect(run).toMatchObject({ task: 'web', status: 'Queued', trigger: 'Manual', imageUpdateTrigger: null });
    expect(runs.stdout).toMatch(/^RUN ID\s+TASK\s+STATUS\s+TRIGGER\s+CREATED\s+BASE IMAGE\s+PREVIOUS\s+NEW\n/);
    expect(runs.stdout).toMatch(new RegExp(`\\n${run.runId}\\s+web\\s+Queued\\s+Manual\\s`));
    expect(shown.runId).toBe(run.runId);
  });

  it('reports errors in one line with their code and exits 1', async () => {
    const missing = await cascadeCli('task', 'show', '--name', 'nope');
    const duplicate = await cascadeCli('task', 'create', '--name', 'web', '-t', 'contoso.azurecr.io/x:1', '-c', context);
    const badFlag = await cascadeCli('task', 'create', '--name', 'x', '--base-image-trigger-type', 'Sometimes');

    expect([missing.code, missing.stderr]).toEqual([1, 'cascade: TASK_NOT_FOUND: no task named "nope"\n']);
    expect(duplicate.stderr).toMatch(/^cascade: TASK_ALREADY_EXISTS: /);
    expect(badFlag.code).toBe(1);
  });

  it('tells a user when the server is down or the token is wrong', async () => {
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => { stderr += t; } };
    const down = await runCli(['node', 'cascade', 'task', 'list', '--server', 'http://127.0.0.1:9'], { ...io, env: { CASCADE_ADMIN_TOKEN: 'x' } });
    const refused = await runCli(['node', 'cascade', 'task', 'list'], { ...io, env: { CASCADE_URL: cascade.url, CASCADE_ADMIN_TOKEN: 'wrong' } });
    process.exitCode = 0;

    expect([down, refused]).toEqual([1, 1]);
    expect(stderr).toMatch(/cannot reach Cascade at http:\/\/127.0.0.1:9 .*is "cascade serve" running/);
    expect(stderr).toMatch(/UNAUTHENTICATED/);
  });

  it('lists a dead letter with its reason, shows it in status, and resubmits it', async () => {
    const received = await cascade.api<{ messages: Array<{ messageId: string; lockToken: string }> }>('POST', '/api/agent/receive', { waitMs: 2000 }, AGENT_TOKEN);
    const message = received.body.messages[0]!;
    await cascade.api('POST', `/api/agent/messages/${message.lockToken}/dead-letter`, { reason: 'BuildFailed', description: 'exit status 1' }, AGENT_TOKEN);

    const listed = await cascadeCli('dlq', 'list');
    const status = await cascadeCli('status', '-o', 'json');
    const missing = await cascadeCli('dlq', 'resubmit', 'no-such-id');
    const resubmitted = await cascadeCli('dlq', 'resubmit', message.messageId);
    const none = await cascadeCli('dlq', 'resubmit');

    expect(listed.stdout).toMatch(new RegExp(`^MESSAGE ID\\s+TASK\\s+REASON\\s+DELIVERIES\\s+WHEN\\s+DESCRIPTION\\n[- ]+\\n${message.messageId}\\s+web\\s+BuildFailed\\s+1\\s+\\S+\\s+exit status 1\\n`));
    expect(JSON.parse(status.stdout)).toMatchObject({
      transport: 'local', queues: [{ name: 'local', active: 0, deadLettered: 1 }],
      recentDeadLetters: [{ messageId: message.messageId, reason: 'BuildFailed', description: 'exit status 1' }],
    });
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/DEAD_LETTER_NOT_FOUND/)]);
    expect(resubmitted.stdout).toBe(`resubmitted 1 message(s): ${message.messageId}\n`);
    expect(none.code).toBe(1);
    await eventually(async () => ((await cascadeCli('dlq', 'list', '-o', 'json')).stdout.trim() === '[]' ? true : undefined));
  });

  it('shows the queue in status, and deletes a task', async () => {
    const status = await cascadeCli('status');
    const deleted = await cascadeCli('task', 'delete', '--name', 'web');
    const after = await cascadeCli('task', 'list', '-o', 'json');

    expect(status.stdout).toMatch(/^TRANSPORT\s+OUTBOX PENDING\s+OUTBOX LAG\s+FAILING SENDS\s+LAST RELAY ERROR\n[- ]+\nlocal\s+\d+\s/);
    expect(status.stdout).toMatch(/\nQUEUE\s+ACTIVE\s+LOCKED\s+DEAD-LETTERED\s+SCHEDULED\s+NOTE\n[- ]+\nlocal\s+1\s+0\s+0\s+0\s/);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual([]);
  });
});
