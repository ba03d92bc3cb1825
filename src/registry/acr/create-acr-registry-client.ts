import { ContainerRegistryContentClient } from '@azure/container-registry';
import type { TokenCredential } from '@azure/identity';
import { CascadeError } from '../../errors';
import { formatImageRef, type ImageRef } from '../../image-ref';
import { findPlatform, indexPlatforms } from '../index-manifest';
import { isIndexMediaType } from '../media-types';
import type { RegistryClient, ResolveOptions, ResolvedDigest } from '../registry-client';
import type { RegistrySettings } from '../registry-settings';
import { acrError } from './acr-error';

export interface AcrRegistryClientDeps {
  readonly settings: RegistrySettings;
  readonly credential: TokenCredential;
  readonly timeoutMs: number;
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
      client = new ContainerRegistryContentClient(deps.settings.endpoint, repository, deps.credential, { retryOptions: { maxRetries: 0 } });
      clients.set(repository, client);
    }
    return client;
  }

  async function getManifest(ref: ImageRef, reference: string) {
    try {
      return await clientFor(ref.repository).getManifest(reference, { abortSignal: AbortSignal.timeout(deps.timeoutMs) });
    } catch (cause) {
      throw acrError(cause, formatImageRef(ref), deps.timeoutMs);
    }
  }

  return {
    async resolveDigest(ref: ImageRef, options: ResolveOptions = {}): Promise<ResolvedDigest> {
      const result = await getManifest(ref, ref.digest ?? ref.tag ?? 'latest');
      const base = { digest: result.digest, mediaType: result.mediaType };
      if (options.platform === undefined) return base;
      if (!isIndexMediaType(result.mediaType)) return { ...base, platformDigest: result.digest };
      const platforms = indexPlatforms(result.manifest);
      if (platforms === null) throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the index ${result.digest} of ${formatImageRef(ref)} has no valid manifest list`);
      const child = findPlatform(platforms, options.platform);
      if (!child) {
        const known = platforms.map((entry) => entry.platform).join(', ') || 'none';
        throw new CascadeError('REGISTRY_PLATFORM_NOT_FOUND', `${formatImageRef(ref)} has no ${options.platform} manifest (platforms: ${known})`);
      }
      return { ...base, platforms, platformDigest: child.digest };
    },
  };
}
