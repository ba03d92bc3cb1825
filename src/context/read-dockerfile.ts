import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CascadeError } from '../errors';
import { checkoutGitContext } from './checkout-git-context';
import { parseGitContext } from './git-context';

/** Reads the task's Dockerfile from its context: a directory on this host, or a git URL. */
export async function readDockerfile(context: string, dockerfile: string, gitTimeoutMs = 120_000): Promise<string> {
  const git = parseGitContext(context);
  if (git === null) return readFromDirectory(context, dockerfile);
  const checkout = await checkoutGitContext(git, gitTimeoutMs);
  try {
    return await readFromDirectory(resolve(checkout.dir, git.subdirectory), dockerfile, `${context}`);
  } finally {
    await checkout.dispose();
  }
}

async function readFromDirectory(dir: string, dockerfile: string, shownContext = dir): Promise<string> {
  const isDirectory = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) throw new CascadeError('CONTEXT_UNAVAILABLE', `the build context ${shownContext} is not a directory on the Cascade server`);
  try {
    return await readFile(resolve(dir, dockerfile), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new CascadeError('DOCKERFILE_NOT_FOUND', `the Dockerfile ${dockerfile} ${why} in the build context ${shownContext}`, { cause: error });
  }
}
