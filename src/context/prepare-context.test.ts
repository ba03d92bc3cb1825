import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCascadeError } from '../errors';
import { twoCommitRepo } from '../../test/support/two-commit-repo';
import { prepareContext } from './prepare-context';

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  return isCascadeError(error) ? error.code : String(error);
}

const local = mkdtempSync(join(tmpdir(), 'cascade-prepare-local-'));
const { dir: repo } = twoCommitRepo();
afterAll(() => [local, repo].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('prepareContext', () => {
  it('uses a local directory where it is, and leaves it there', async () => {
    const context = await prepareContext(local, 10_000);
    await context.dispose();

    expect(context.dir).toBe(local);
    expect(existsSync(local)).toBe(true);
  });

  it('refuses a local path that is not a directory', async () => {
    expect(await code(prepareContext(join(local, 'missing'), 10_000))).toBe('CONTEXT_UNAVAILABLE');
  });

  it.each([
    ['#main:app', 'FROM alpine:3.20\n'],
    ['#v1:app', 'FROM alpine:3.19\n'],
  ])('checks out <repo>%s and removes it on dispose', async (fragment, dockerfile) => {
    const context = await prepareContext(`file://${repo}${fragment}`, 10_000);
    const text = readFileSync(join(context.dir, 'Dockerfile'), 'utf8');
    await context.dispose();

    expect(text).toBe(dockerfile);
    expect(existsSync(context.dir)).toBe(false);
  });

  it.each(['#main:nope', '#main:../..', '#no-such-branch'])('refuses <repo>%s', async (fragment) => {
    expect(await code(prepareContext(`file://${repo}${fragment}`, 10_000))).toBe('CONTEXT_UNAVAILABLE');
  });
});
