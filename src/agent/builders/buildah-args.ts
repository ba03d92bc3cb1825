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
export function budArgs(spec: BuildSpec, dockerfile: string, storage: BuildahStorage): string[] {
  return [
    ...storageArgs(storage), 'bud', '--isolation', 'chroot', '--pull=always', '--format', 'oci', '--platform', spec.platform,
    ...Object.entries(spec.buildArgs).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]),
    ...(spec.target === null ? [] : ['--target', spec.target]),
    '-f', dockerfile,
    ...spec.images.flatMap((image) => ['-t', image]),
    spec.contextDir,
  ];
}

export function pushArgs(image: string, storage: BuildahStorage): string[] {
  return [...storageArgs(storage), 'push', image, `docker://${image}`];
}

/** Untags what this build made so vfs copies do not pile up; the bases stay as a pull cache. */
export function removeArgs(images: readonly string[], storage: BuildahStorage): string[] {
  return [...storageArgs(storage), 'rmi', '--force', ...images];
}
