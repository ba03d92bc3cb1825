import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCascadeError } from '../../errors';
import type { BuildSpec } from './builder';
import { createCommandBuilder } from './command-builder';

// Real commands through /bin/sh stand in for `docker buildx build --push …`.
const dir = mkdtempSync(join(tmpdir(), 'cascade-command-builder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec: BuildSpec = {
  contextDir: dir, dockerfile: 'Dockerfile', images: ['r/app:1', 'r/app:latest'], buildArgs: { MSG: 'two words' },
  target: null, platform: 'linux/amd64', timeoutMs: 10_000,
};
/** Writes its arguments one per line to argv.txt in the directory it runs in. */
const RECORD = `sh -c 'printf "%s\\n" "$@" > argv.txt; echo built' record`;

function configError(template: string): string {
  try {
    createCommandBuilder({ template });
    return 'no error';
  } catch (error) {
    return isCascadeError(error) ? `${error.code}: ${error.message}` : String(error);
  }
}

describe('createCommandBuilder', () => {
  it('runs the expanded template in the context directory, without a shell in between', async () => {
    const builder = createCommandBuilder({ template: `${RECORD} --platform {platform} -f {dockerfile} {image_flags} {build_args} --target {target} '{context}' '$(id)'` });

    const outcome = await builder.build(spec);

    expect(outcome).toEqual({ status: 'Succeeded', log: expect.stringContaining('built') });
    expect(readFileSync(join(dir, 'argv.txt'), 'utf8').split('\n').slice(0, -1)).toEqual([
      '--platform', 'linux/amd64', '-f', 'Dockerfile', '-t', 'r/app:1', '-t', 'r/app:latest', '--build-arg', 'MSG=two words', dir, '$(id)',
    ]);
    expect(outcome.log).toContain('--build-arg MSG=…');
    expect(outcome.log).not.toContain('two words');
  });

  it('reports a non-zero exit as Failed with the last error line', async () => {
    const builder = createCommandBuilder({ template: `sh -c 'echo step; echo "ERROR: failed to solve: exit code: 1" >&2; exit 1'` });

    const outcome = await builder.build(spec);

    expect(outcome).toMatchObject({ status: 'Failed', retryable: false, reason: 'the build command exited with code 1: failed to solve: exit code: 1' });
  });

  it('ends a command that runs past the timeout', async () => {
    const builder = createCommandBuilder({ template: 'sleep 30' });
    const started = Date.now();

    const outcome = await builder.build({ ...spec, timeoutMs: 300 });

    expect(outcome).toMatchObject({ status: 'Timeout', retryable: false });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('ends a cancelled build as a retryable Error', async () => {
    const builder = createCommandBuilder({ template: 'sleep 30' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const outcome = await builder.build({ ...spec, signal: controller.signal });

    expect(outcome).toMatchObject({ status: 'Error', retryable: true });
  });

  it('reports a program that does not exist as a permanent Error', async () => {
    const outcome = await createCommandBuilder({ template: '/nonexistent/docker buildx build' }).build(spec);

    expect(outcome).toMatchObject({ status: 'Error', retryable: false, reason: expect.stringContaining('cannot run /nonexistent/docker') });
  });

  it.each([
    ['docker build "{context}', 'CONFIG_INVALID: invalid configuration: the build command template: the command has an unterminated " quote'],
    ['docker build {imgaes}', 'CONFIG_INVALID: invalid configuration: the build command template has unknown placeholders: {imgaes}'],
    ['{images}', 'CONFIG_INVALID: invalid configuration: the build command template must start with a program, not a placeholder'],
  ])('refuses the template %s', (template, error) => {
    expect(configError(template)).toBe(error);
  });
});
