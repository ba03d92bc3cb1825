import { ContainerRegistryContentClient } from '@azure/container-registry';
import type { TokenCredential } from '@azure/identity';
import { CascadeError } from '../../errors';
import { formatImageRef, type ImageRef } from '../../image-ref';
import { isIndexMediaType } from '../media-types';
import { manifestAnnotations } from '../oci/manifest-annotations';
import { indexPlatformsOf, platformChild } from '../oci/platform-child';
import type { InspectOptions, InspectedManifest, RegistryClient, ResolveOptions, ResolvedDigest } from '../registry-client';
import type { RegistrySettings } from '../registry-settings';
import { acrError } from './acr-error';

type ContentClientOptions = NonNullable<ConstructorParameters<typeof ContainerRegistryContentClient>[3]>;

export interface AcrRegistryClientDeps {
  readonly settings: RegistrySettings;
  readonly credential: TokenCredential;
  readonly timeoutMs: number;
  /** The SDK's transport; tests script it, production leaves it to the SDK. */
  readonly httpClient?: ContentClientOptions['httpClient'];
}

/**
 * Azure Container Registry through @azure/container-registry, authenticated with the given
 * credential (DefaultAzureCredential in production). The SDK has no HEAD: it GETs the
 * manifest, which also checks the body against `Docker-Content-Digest`.
 */
export function createAcrRegistryClient(deps: AcrRegistryClientDeps): RegistryClient {
  const clients = new Map<string, ContainerRegistryContentClient>();

  function clientFor(repository: string): ContainerRegistryContentClient {
    let client = clients.get(repository);
    if (!client) {
      // Our callers own retries (the inbox, the poller): the SDK's would only delay the error.
      client = new ContainerRegistryContentClient(deps.settings.endpoint, repository, deps.credential, {
        retryOptions: { maxRetries: 0 },
        ...(deps.httpClient ? { httpClient: deps.httpClient } : {}),
      });
      clients.set(repository, client);
    }
    return client;
  }

  async function getManifest(ref: ImageRef, reference: string) {
    try {
      return await clientFor(ref.repository).getManifest(reference, { abortSignal: AbortSignal.timeout(deps.timeoutMs) });
    } catch (cause) {
      // The SDK's own digest check; its error class is not exported.
      if ((cause as Error | null)?.name === 'DigestMismatchError') {
        throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the manifest ${reference} of ${formatImageRef(ref)} does not match its digest`, { cause });
      }
      throw acrError(cause, formatImageRef(ref), deps.timeoutMs);
    }
  }

  return {
    async resolveDigest(ref: ImageRef, options: ResolveOptions = {}): Promise<ResolvedDigest> {
      const result = await getManifest(ref, ref.digest ?? ref.tag ?? 'latest');
      const base = { digest: result.digest, mediaType: result.mediaType };
      if (options.platform === undefined) return base;
      if (!isIndexMediaType(result.mediaType)) return { ...base, platformDigest: result.digest };
      const { platforms, child } = platformChild(result.manifest, result.digest, ref, options.platform);
      return { ...base, platforms, platformDigest: child.digest };
    },

    async inspectManifest(ref: ImageRef, options: InspectOptions = {}): Promise<InspectedManifest> {
      const top = await getManifest(ref, ref.digest ?? ref.tag ?? 'latest');
      const read = options.platform !== undefined && isIndexMediaType(top.mediaType)
        ? await getManifest(ref, platformChild(top.manifest, top.digest, ref, options.platform).child.digest)
        : top;
      const { mediaType, annotations } = manifestAnnotations(read.manifest);
      return { digest: read.digest, mediaType: mediaType ?? read.mediaType, annotations };
    },

    async listPlatforms(ref: ImageRef) {
      const read = await getManifest(ref, ref.digest ?? ref.tag ?? 'latest');
      return indexPlatformsOf(ref, { digest: read.digest, mediaType: read.mediaType, manifest: read.manifest });
    },
  };
}
