import { CascadeError } from '../errors';
import { requireImageRef } from '../image-ref';
import type { RegistryClient, ResolveOptions } from '../registry';
import { resolveTrackedDigest } from './resolve-tracked-digest';

const INDEX = `sha256:${'1'.repeat(64)}`;
const AMD = `sha256:${'a'.repeat(64)}`;
const ARM = `sha256:${'b'.repeat(64)}`;
const OCI = 'application/vnd.oci.image.manifest.v1+json';
const REF = requireImageRef('registry.example/base:1');
const platforms = [{ platform: 'linux/amd64', digest: AMD, mediaType: OCI }, { platform: 'linux/arm64/v8', digest: ARM, mediaType: OCI }];

/** Answers like the real adapters: an index, and REGISTRY_PLATFORM_NOT_FOUND for a platform it lacks. */
function indexRegistry(asked: Array<ResolveOptions | undefined>): Pick<RegistryClient, 'resolveDigest'> {
  return {
    resolveDigest: async (_ref, options) => {
      asked.push(options);
      if (options?.platform === undefined) return { digest: INDEX, mediaType: 'application/vnd.oci.image.index.v1+json' };
      const child = platforms.find((p) => p.platform.startsWith(options.platform!));
      if (!child) throw new CascadeError('REGISTRY_PLATFORM_NOT_FOUND', 'no such platform');
      return { digest: INDEX, mediaType: 'application/vnd.oci.image.index.v1+json', platforms, platformDigest: child.digest };
    },
  };
}

describe('resolveTrackedDigest', () => {
  it('records the child of each platform of an index from one lookup', async () => {
    const asked: Array<ResolveOptions | undefined> = [];

    const tracked = await resolveTrackedDigest(indexRegistry(asked), REF, ['linux/amd64', 'linux/arm64/v8']);

    expect(tracked).toEqual({ digest: INDEX, platformDigests: { 'linux/amd64': AMD, 'linux/arm64/v8': ARM } });
    expect(asked).toEqual([{ platform: 'linux/amd64' }]);
  });

  it('records the index digest alone when the index lacks a platform', async () => {
    expect(await resolveTrackedDigest(indexRegistry([]), REF, ['linux/s390x'])).toEqual({ digest: INDEX });
    expect(await resolveTrackedDigest(indexRegistry([]), REF, ['linux/amd64', 'linux/s390x'])).toEqual({ digest: INDEX });
  });

  it('records no children for a single image', async () => {
    const single = { resolveDigest: async () => ({ digest: AMD, mediaType: OCI, platformDigest: AMD }) };

    expect(await resolveTrackedDigest(single, REF, ['linux/amd64'])).toEqual({ digest: AMD });
  });

  it('lets other failures through, for the caller to warn about', async () => {
    const down = { resolveDigest: async () => { throw new CascadeError('REGISTRY_UNREACHABLE', 'down', { retryable: true }); } };

    await expect(resolveTrackedDigest(down, REF, ['linux/amd64'])).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE' });
  });
});
