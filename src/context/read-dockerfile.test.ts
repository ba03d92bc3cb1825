import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCascadeError } from '../errors';
import { parseGitContext } from './git-context';
import { twoCommitRepo } from '../../test/support/two-commit-repo';
import { readDockerfile } from './read-dockerfile';

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  return isCascadeError(error) ? error.code : String(error);
}

describe('parseGitContext', () => {
  it.each([
    ['./app', null],
    ['/srv/app', null],
    ['https://github.com/Azure-Samples/acr-build-helloworld-node.git', { url: 'https://github.com/Azure-Samples/acr-build-helloworld-node.git', ref: null, subdirectory: '' }],
    ['https://example.com/r.git#main', { url: 'https://example.com/r.git', ref: 'main', subdirectory: '' }],
    ['https://example.com/r.git#v1.2:docker/app', { url: 'https://example.com/r.git', ref: 'v1.2', subdirectory: 'docker/app' }],
    ['git@github.com:o/r.git#:sub', { url: 'git@github.com:o/r.git', ref: null, subdirectory: 'sub' }],
    ['file:///srv/repo#abc123', { url: 'file:///srv/repo', ref: 'abc123', subdirectory: '' }],
  ])('%s', (context, expected) => {
    expect(parseGitContext(context)).toEqual(expected);
  });
});

describe('readDockerfile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20\n');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'Dockerfile.prod'), 'FROM node:22\n');

  it('reads from a local directory, with a path inside it', async () => {
    expect(await readDockerfile(dir, 'Dockerfile')).toBe('FROM node:20\n');
    expect(await readDockerfile(dir, 'sub/Dockerfile.prod')).toBe('FROM node:22\n');
  });

  it('tells a missing Dockerfile from a missing context', async () => {
    expect(await code(readDockerfile(dir, 'Nope'))).toBe('DOCKERFILE_NOT_FOUND');
    expect(await code(readDockerfile(join(dir, 'missing'), 'Dockerfile'))).toBe('CONTEXT_UNAVAILABLE');
  });

  describe('from a git repository', () => {
    const { dir: repo, first } = twoCommitRepo();

    it.each([
      [`file://${repo}#main:app`, 'FROM alpine:3.20\n'],
      [`file://${repo}#v2:app`, 'FROM alpine:3.20\n'],
      [`file://${repo}#${first}:app`, 'FROM alpine:3.19\n'],
      [`file://${repo}#:app`, 'FROM alpine:3.20\n'],
    ])('%s', async (context, text) => {
      expect(await readDockerfile(context, 'Dockerfile')).toBe(text);
    });

    it('reports an unknown ref as CONTEXT_UNAVAILABLE', async () => {
      expect(await code(readDockerfile(`file://${repo}#no-such-branch`, 'Dockerfile'))).toBe('CONTEXT_UNAVAILABLE');
    });
  });
});
