import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The Dockerfile's absolute path, or null when the task's path leads out of the context. */
export function dockerfileInContext(contextDir: string, dockerfile: string): string | null {
  const path = resolve(contextDir, dockerfile);
  const inside = relative(contextDir, path);
  return inside === '' || inside.split(sep)[0] === '..' || isAbsolute(inside) ? null : path;
}
