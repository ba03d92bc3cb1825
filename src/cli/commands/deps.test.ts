import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../main';

async function cascade(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'cascade', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {} });
  process.exitCode = 0;
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'cascade-deps-'));
function dockerfile(text: string): string {
  const file = join(dir, `Dockerfile.${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  return file;
}

describe('cascade deps', () => {
  it('prints exactly one JSON object in the documented shape', async () => {
    const file = dockerfile('FROM golang:1.22 AS build\nRUN go build\n\nFROM node:20-alpine\nCOPY --from=build /out /app\nFROM scratch AS unused\nFROM scratch\n');

    const run = await cascade(['deps', file, '--target', 'unused', '-o', 'json']);

    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({ dependencies: [], skipped: [{ text: 'scratch', reason: 'scratch', line: 6 }] });
  });

  it('lists RunTime then BuildTime dependencies with their fields', async () => {
    const file = dockerfile('FROM golang:1.22 AS build\nFROM --platform=$BUILDPLATFORM node:20-alpine\nCOPY --from=build /out /app\n');

    const run = await cascade(['deps', file, '-o', 'json', '--platform', 'linux/arm64']);

    expect(JSON.parse(run.stdout)).toEqual({
      dependencies: [
        { type: 'RunTime', ref: 'docker.io/library/node:20-alpine', registry: 'docker.io', repository: 'library/node', tag: '20-alpine', line: 2, platform: 'linux/arm64' },
        { type: 'BuildTime', ref: 'docker.io/library/golang:1.22', registry: 'docker.io', repository: 'library/golang', tag: '1.22', line: 1, platform: null },
      ],
      skipped: [],
    });
  });

  it('applies repeated --build-arg values (the ACR sample app)', async () => {
    const file = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'dockerfiles', 'acr-helloworld-app.Dockerfile');

    const run = await cascade(['deps', file, '--build-arg', 'REGISTRY_NAME=myregistry.azurecr.io', '--build-arg', 'UNUSED=1', '-o', 'json']);

    expect(JSON.parse(run.stdout).dependencies[0]).toMatchObject({ type: 'RunTime', ref: 'myregistry.azurecr.io/baseimages/node:15-alpine' });
  });

  it('prints a table by default, skipped references with their reason', async () => {
    const file = dockerfile(`FROM node@sha256:${'a'.repeat(64)}\n`);

    const run = await cascade(['deps', file]);

    expect(run.stdout).toMatch(/^TYPE\s+REF\s+PLATFORM\s+LINE\n/);
    expect(run.stdout).toMatch(/SKIPPED\s+REASON\s+LINE\s+DETAIL\n[- ]+\nnode@sha256:a+\s+pinned\s+1\s+\S/);
  });

  it('exits 2 with one line on stderr for a missing file', async () => {
    const run = await cascade(['deps', join(dir, 'nope', 'Dockerfile'), '-o', 'json']);

    expect(run).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^cascade: cannot read Dockerfile .*: no such file\n$/) });
  });

  it('exits 1 naming an unknown target', async () => {
    const run = await cascade(['deps', dockerfile('FROM node:20 AS a\n'), '--target', 'b']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cascade: .*"b".*\n$/);
  });

  it.each([[['--platform', 'linux']], [['-o', 'yaml']], [['--build-arg', '1BAD=x']]])('rejects %j', async (flags) => {
    const run = await cascade(['deps', dockerfile('FROM node\n'), ...flags]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});
