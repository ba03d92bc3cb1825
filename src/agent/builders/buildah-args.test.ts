import { budArgs, manifestArgs, pushArgs, removeArgs } from './buildah-args';
import type { BuildSpec } from './builder';

const storage = { root: '/var/lib/cascade/root', runroot: '/run/cascade' };
const spec: BuildSpec = {
  contextDir: '/ctx', dockerfile: 'Dockerfile', images: ['127.0.0.1:5000/app:1', '127.0.0.1:5000/app:latest'],
  buildArgs: { MSG: 'a b', EMPTY: '' }, target: 'runtime', platform: 'linux/amd64', timeoutMs: 1000,
};
const global = ['--storage-driver', 'vfs', '--root', '/var/lib/cascade/root', '--runroot', '/run/cascade'];

describe('buildah arguments', () => {
  it('builds with vfs, chroot isolation, a fresh base and OCI format, every value one argument', () => {
    expect(budArgs(spec, '/ctx/Dockerfile', storage)).toEqual([
      ...global, 'bud', '--isolation', 'chroot', '--pull=always', '--format', 'oci', '--platform', 'linux/amd64',
      '--build-arg', 'MSG=a b', '--build-arg', 'EMPTY=', '--target', 'runtime', '-f', '/ctx/Dockerfile',
      '-t', '127.0.0.1:5000/app:1', '-t', '127.0.0.1:5000/app:latest', '/ctx',
    ]);
  });

  it('leaves --target out without a target', () => {
    expect(budArgs({ ...spec, target: null }, '/ctx/Dockerfile', storage)).not.toContain('--target');
  });

  it('pushes a tag to the same reference and removes the built tags', () => {
    expect(pushArgs('127.0.0.1:5000/app:1', storage)).toEqual([...global, 'push', '127.0.0.1:5000/app:1', 'docker://127.0.0.1:5000/app:1']);
    expect(removeArgs(spec.images, storage)).toEqual([...global, 'rmi', '--force', ...spec.images]);
  });

  it('builds one platform of a multi-platform image under its own tag', () => {
    expect(budArgs({ ...spec, platform: 'linux/amd64,linux/arm64' }, '/ctx/Dockerfile', storage, { platform: 'linux/arm64', tags: ['localhost/list-1'] })).toEqual([
      ...global, 'bud', '--isolation', 'chroot', '--pull=always', '--format', 'oci', '--platform', 'linux/arm64',
      '--build-arg', 'MSG=a b', '--build-arg', 'EMPTY=', '--target', 'runtime', '-f', '/ctx/Dockerfile', '-t', 'localhost/list-1', '/ctx',
    ]);
  });

  it('makes, fills, pushes whole and removes a local manifest list', () => {
    const manifest = manifestArgs(storage);
    expect(manifest.create('localhost/list')).toEqual([...global, 'manifest', 'create', 'localhost/list']);
    expect(manifest.add('localhost/list', 'localhost/list-0')).toEqual([...global, 'manifest', 'add', 'localhost/list', 'containers-storage:localhost/list-0']);
    expect(manifest.push('localhost/list', '127.0.0.1:5000/app:1')).toEqual([...global, 'manifest', 'push', '--all', 'localhost/list', 'docker://127.0.0.1:5000/app:1']);
    expect(manifest.push('localhost/list', '127.0.0.1:5000/app:1', true)).toEqual([...global, 'manifest', 'push', '--all', '--tls-verify=false', 'localhost/list', 'docker://127.0.0.1:5000/app:1']);
    expect(manifest.remove('localhost/list')).toEqual([...global, 'manifest', 'rm', 'localhost/list']);
  });
});
