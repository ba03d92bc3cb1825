import type { BuildSpec } from './builder';

export interface BuildahStorage {
  readonly root: string;
  readonly runroot: string;
}

/**
 * vfs needs no kernel overlay support or fuse; every layer is a full copy, which is the price of
 * running anywhere as root without a daemon.
 */
export function storageArgs(storage: BuildahStorage): string[] {
  return ['--storage-driver', 'vfs', '--root', storage.root, '--runroot', storage.runroot];
}

/**
 * `buildah bud`. chroot isolation needs no runc; `--pull=always` because a stale local base would
 * defeat the rebuild; `--format oci` because only OCI images carry the base-image annotations
 * the agent reads back. `dockerfile` is absolute: buildah reads `-f` from its cwd, not the context.
 */
export function budArgs(spec: BuildSpec, dockerfile: string, storage: BuildahStorage, one: { platform: string; tags: readonly string[] } = { platform: spec.platform, tags: spec.images }): string[] {
  return [
    ...storageArgs(storage), 'bud', '--isolation', 'chroot', '--pull=always', '--format', 'oci', '--platform', one.platform,
    ...Object.entries(spec.buildArgs).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]),
    ...(spec.target === null ? [] : ['--target', spec.target]),
    '-f', dockerfile,
    ...one.tags.flatMap((image) => ['-t', image]),
    spec.contextDir,
  ];
}

/** A multi-platform image: a local manifest list of the per-platform builds, pushed whole. */
export function manifestArgs(storage: BuildahStorage) {
  const buildah = (...args: string[]) => [...storageArgs(storage), 'manifest', ...args];
  return {
    create: (list: string) => buildah('create', list),
    add: (list: string, image: string) => buildah('add', list, `containers-storage:${image}`),
    // buildah 1.28's `manifest push` ignores registries.conf's `insecure`: say it on the command.
    push: (list: string, image: string, insecure = false) => buildah('push', '--all', ...(insecure ? ['--tls-verify=false'] : []), list, `docker://${image}`),
    remove: (list: string) => buildah('rm', list),
  };
}

export function pushArgs(image: string, storage: BuildahStorage): string[] {
  return [...storageArgs(storage), 'push', image, `docker://${image}`];
}

/** Untags what this build made so vfs copies do not pile up; the bases stay as a pull cache. */
export function removeArgs(images: readonly string[], storage: BuildahStorage): string[] {
  return [...storageArgs(storage), 'rmi', '--force', ...images];
}
