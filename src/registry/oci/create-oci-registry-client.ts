import { createHash } from 'node:crypto';
import { CascadeError } from '../../errors';
import { formatImageRef, type ImageRef } from '../../image-ref';
import { isIndexMediaType } from '../media-types';
import type { InspectOptions, InspectedManifest, RegistryClient, ResolveOptions, ResolvedDigest } from '../registry-client';
import type { RegistrySettings } from '../registry-settings';
import { createAuthorizingFetch } from './authorizing-fetch';
import { manifestAnnotations } from './manifest-annotations';
import { createManifestRequests, type VerifiedManifest } from './manifest-requests';
import { indexPlatformsOf, platformChild } from './platform-child';
import { parseRateLimit } from './rate-limit';

export interface OciRegistryClientDeps {
  readonly settings: RegistrySettings;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

/**
 * The distribution API over `fetch`: HEAD the manifest (free on Docker Hub), GET only an index
 * whose platform child is asked for, or a manifest whose annotations are asked for.
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests
 */
export function createOciRegistryClient(deps: OciRegistryClientDeps): RegistryClient {
  const { settings, timeoutMs } = deps;
  const authorizingFetch = createAuthorizingFetch({ settings, fetch: deps.fetch ?? fetch, timeoutMs });
  const requests = createManifestRequests({ settings, authorizingFetch, timeoutMs });

  /** Some registries omit `Docker-Content-Digest` on HEAD: the digest is the body's sha256. */
  async function digestFromBody(ref: ImageRef, reference: string): Promise<string> {
    const response = await requests.request('GET', ref, reference);
    const header = response.headers.get('docker-content-digest');
    const bytes = Buffer.from(await response.arrayBuffer());
    return header ?? `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  }

  return {
    async resolveDigest(ref: ImageRef, options: ResolveOptions = {}): Promise<ResolvedDigest> {
      const reference = ref.digest ?? ref.tag ?? 'latest';
      const head = await requests.request('HEAD', ref, reference, options.headOnly);
      const mediaType = (head.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const digest = head.headers.get('docker-content-digest') ?? (options.headOnly ? noDigest(ref) : await digestFromBody(ref, reference));
      const rateLimit = parseRateLimit(head.headers);
      const base = { digest, mediaType, ...(rateLimit ? { rateLimit } : {}) };
      if (options.platform === undefined) return base;
      if (!isIndexMediaType(mediaType)) return { ...base, platformDigest: digest };

      const index = await requests.read(ref, digest);
      const { platforms, child } = platformChild(index.manifest, digest, ref, options.platform);
      return { ...base, platforms, platformDigest: child.digest };
    },

    async inspectManifest(ref: ImageRef, options: InspectOptions = {}): Promise<InspectedManifest> {
      const top = await requests.read(ref, ref.digest ?? ref.tag ?? 'latest');
      const inspectedTop = inspected(top);
      if (options.platform === undefined || !isIndexMediaType(inspectedTop.mediaType)) return inspectedTop;
      const { child } = platformChild(top.manifest, top.digest, ref, options.platform);
      return inspected(await requests.read(ref, child.digest));
    },

    async listPlatforms(ref: ImageRef) {
      return indexPlatformsOf(ref, await requests.read(ref, ref.digest ?? ref.tag ?? 'latest'));
    },
  };
}

/** The body's `mediaType` is what the digest covers; `Content-Type` is for manifests without one. */
function inspected(read: VerifiedManifest): InspectedManifest {
  const { mediaType, annotations } = manifestAnnotations(read.manifest);
  return { digest: read.digest, mediaType: mediaType ?? read.mediaType, annotations };
}

function noDigest(ref: ImageRef): never {
  throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the registry sent no Docker-Content-Digest for ${formatImageRef(ref)} on HEAD`);
}
