import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { checkoutGitContext } from './checkout-git-context';
import { parseGitContext } from './git-context';
import { CascadeError } from '../errors';

/** A build context on this host's disk, and how to let go of it once the build is done. */
export interface PreparedContext {
  readonly dir: string;
  readonly dispose: () => Promise<void>;
}

const isDirectory = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);

/**
 * A local directory is used where it is (dispose does nothing: it is not ours); a git URL
 * (`<url>[#<ref>[:<subdirectory>]]`) is checked out shallowly into a temp dir that dispose removes.
 */
export async function prepareContext(context: string, timeoutMs: number): Promise<PreparedContext> {
  const git = parseGitContext(context);
  if (git === null) {
    const dir = resolve(context);
    if (!(await isDirectory(dir))) throw new CascadeError('CONTEXT_UNAVAILABLE', `the build context ${context} is not a directory on this host`);
    return { dir, dispose: async () => undefined };
  }
  const checkout = await checkoutGitContext(git, timeoutMs);
  const dir = resolve(checkout.dir, git.subdirectory);
  const inside = relative(checkout.dir, dir);
  if (inside.split(sep)[0] === '..' || !(await isDirectory(dir))) {
    await checkout.dispose();
    throw new CascadeError('CONTEXT_UNAVAILABLE', `${git.subdirectory} is not a directory in ${git.url}${git.ref === null ? '' : `#${git.ref}`}`);
  }
  return { dir, dispose: checkout.dispose };
}
