import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_TOKEN, startCascade, type TestCascade } from '../support/cascade-server';

// The real app in-process: an agent's report carries each base's platform children (issue 6 §2).
let cascade: TestCascade;
beforeAll(async () => {
  cascade = await startCascade({ CASCADE_REGISTRIES: '[]' });
});
afterAll(() => cascade.stop());

const INDEX = `sha256:${'1'.repeat(64)}`;
const ARM = `sha256:${'b'.repeat(64)}`;

describe('a run report with platform children', () => {
  it('is accepted, and the task then shows them with its dependency', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM registry.example/base:1\n');
    expect((await cascade.api('POST', '/api/tasks', { name: 'arm-app', images: ['registry.example/app:1'], context: dir, platform: 'linux/arm64' })).status).toBe(201);
    const run = await cascade.api<{ runId: string }>('POST', '/api/tasks/arm-app/runs');
    const dependency = {
      type: 'RunTime', ref: 'registry.example/base:1', registry: 'registry.example', repository: 'base', tag: '1', digest: INDEX, platform: null,
      platformDigests: { 'linux/arm64/v8': ARM },
    };

    const report = await cascade.api('POST', `/api/runs/${run.body.runId}/result`, { status: 'Succeeded', dependencies: [dependency], log: 'ok' }, AGENT_TOKEN);
    const task = await cascade.api<{ step: { baseImageDependencies: unknown[] } }>('GET', '/api/tasks/arm-app');

    expect(report.status).toBe(200);
    expect(task.body.step.baseImageDependencies).toEqual([{ type: 'RunTime', registry: 'registry.example', repository: 'base', tag: '1', digest: INDEX, platformDigests: { 'linux/arm64/v8': ARM } }]);
  });
});
