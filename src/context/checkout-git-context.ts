import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CascadeError } from '../errors';
import type { GitContext } from './git-context';

const run = promisify(execFile);

/**
 * A shallow checkout of one ref with the system `git` in a temp dir. `fetch <ref>` works for
 * branches, tags and commits alike, where `clone --branch` refuses commits. The caller removes
 * the directory with the returned `dispose`.
 */
export async function checkoutGitContext(context: GitContext, timeoutMs: number): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cascade-context-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const git = (args: string[]) => run('git', ['-C', dir, ...args], {
    timeout: timeoutMs,
    // Never prompt for credentials on a server; fail instead.
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo' },
  });
  try {
    await git(['init', '-q']);
    await git(['fetch', '-q', '--depth', '1', '--', context.url, context.ref ?? 'HEAD']);
    await git(['checkout', '-q', 'FETCH_HEAD']);
    return { dir, dispose };
  } catch (error) {
    await dispose();
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n').pop() ?? '';
    throw new CascadeError('CONTEXT_UNAVAILABLE', `cannot fetch ${context.ref ?? 'the default branch'} of ${context.url}: ${stderr || (error as Error).message}`, { cause: error });
  }
}
