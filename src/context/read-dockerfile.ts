import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CascadeError } from '../errors';
import { prepareContext } from './prepare-context';

/** Reads the task's Dockerfile from its context: a directory on this host, or a git URL. */
export async function readDockerfile(context: string, dockerfile: string, gitTimeoutMs = 120_000): Promise<string> {
  const prepared = await prepareContext(context, gitTimeoutMs);
  try {
    return await readFile(resolve(prepared.dir, dockerfile), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new CascadeError('DOCKERFILE_NOT_FOUND', `the Dockerfile ${dockerfile} ${why} in the build context ${context}`, { cause: error });
  } finally {
    await prepared.dispose();
  }
}
