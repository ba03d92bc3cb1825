/** A git build context: `<url>[#<ref>[:<subdirectory>]]`, as `docker build` reads it. */
export interface GitContext {
  readonly url: string;
  /** Branch, tag or commit; null for the remote's default branch. */
  readonly ref: string | null;
  readonly subdirectory: string;
}

const GIT_URL = /^(https?:\/\/|git:\/\/|ssh:\/\/|git@|file:\/\/)/;

/** Null when the context is a local path. */
export function parseGitContext(context: string): GitContext | null {
  if (!GIT_URL.test(context)) return null;
  const hash = context.indexOf('#');
  if (hash === -1) return { url: context, ref: null, subdirectory: '' };
  const fragment = context.slice(hash + 1);
  const colon = fragment.indexOf(':');
  const ref = colon === -1 ? fragment : fragment.slice(0, colon);
  return { url: context.slice(0, hash), ref: ref === '' ? null : ref, subdirectory: colon === -1 ? '' : fragment.slice(colon + 1) };
}
