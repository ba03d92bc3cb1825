import type { RebuildRequest } from '../core/rebuild-message';
import type { RegistryClient } from '../registry';
import { dependenciesUsed } from './dependencies-used';

// Issue 6 §2: a build on an index base reports its platform's child, so the next index push is compared by platform.
const INDEX = `sha256:${'1'.repeat(64)}`;
const ARM = `sha256:${'b'.repeat(64)}`;
const OCI = 'application/vnd.oci.image.manifest.v1+json';
const request: RebuildRequest = {
  runId: 'cr1',
  task: { id: 't', name: 'app', images: ['localhost:5000/app:1'], context: '.', dockerfile: 'Dockerfile', buildArgs: {}, target: null, platform: 'linux/arm64', agentPool: null, timeoutSeconds: 60 },
  trigger: { type: 'Manual', imageUpdateTrigger: null, rootEvent: null, hop: 0 },
};
const registry: Pick<RegistryClient, 'resolveDigest'> = {
  resolveDigest: async () => ({ digest: INDEX, mediaType: 'application/vnd.oci.image.index.v1+json', platforms: [{ platform: 'linux/arm64/v8', digest: ARM, mediaType: OCI }], platformDigest: ARM }),
};
const annotated = (digest: string) => ({ 'org.opencontainers.image.base.name': 'localhost:5000/base:1', 'org.opencontainers.image.base.digest': digest });

describe('dependenciesUsed on an index base', () => {
  it.each([
    ['the child built on', ARM],
    ['the index built on', INDEX],
  ])('records the index digest and the platform child when the annotation names %s', async (_name, digest) => {
    const [used] = await dependenciesUsed(request, 'FROM localhost:5000/base:1\n', annotated(digest), registry);

    expect(used).toMatchObject({ digest: INDEX, platformDigests: { 'linux/arm64/v8': ARM } });
  });

  it('keeps the annotated digest alone when the tag has moved since the build', async () => {
    const older = `sha256:${'9'.repeat(64)}`;

    const [used] = await dependenciesUsed(request, 'FROM localhost:5000/base:1\n', annotated(older), registry);

    expect(used?.digest).toBe(older);
    expect(used).not.toHaveProperty('platformDigests');
  });

  it('records the children of a base found by discovery', async () => {
    const [used] = await dependenciesUsed(request, 'FROM localhost:5000/base:1\n', {}, registry);

    expect(used).toMatchObject({ digest: INDEX, platformDigests: { 'linux/arm64/v8': ARM } });
  });

  it('reports each platform\'s own base when a multi-platform build names the architecture in its FROM', async () => {
    const AMD = `sha256:${'a'.repeat(64)}`;
    const asked: Array<[string, string | undefined]> = [];
    const perArch: Pick<RegistryClient, 'resolveDigest'> = {
      resolveDigest: async (ref, options) => {
        asked.push([ref.repository, options?.platform]);
        const [platform, digest] = ref.repository === 'base-amd64' ? ['linux/amd64', AMD] : ['linux/arm64/v8', ARM];
        return { digest: INDEX, mediaType: 'application/vnd.oci.image.index.v1+json', platforms: [{ platform, digest, mediaType: OCI }], platformDigest: digest };
      },
    };
    const both = { ...request, task: { ...request.task, platform: 'linux/amd64,linux/arm64' } };
    const annotation = { 'org.opencontainers.image.base.name': 'localhost:5000/base-amd64:1', 'org.opencontainers.image.base.digest': AMD };

    const used = await dependenciesUsed(both, 'ARG TARGETARCH\nFROM localhost:5000/base-${TARGETARCH}:1\n', annotation, perArch);

    expect(used).toEqual([
      expect.objectContaining({ type: 'RunTime', ref: 'localhost:5000/base-amd64:1', digest: INDEX, platformDigests: { 'linux/amd64': AMD } }),
      expect.objectContaining({ type: 'RunTime', ref: 'localhost:5000/base-arm64:1', digest: INDEX, platformDigests: { 'linux/arm64/v8': ARM } }),
    ]);
    expect(asked.sort()).toEqual([['base-amd64', 'linux/amd64'], ['base-arm64', 'linux/arm64/v8']]);
  });
});
