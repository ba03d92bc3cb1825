import { createHash } from 'node:crypto';
import { CascadeError } from '../../errors';
import { formatImageRef, type ImageRef } from '../../image-ref';
import { findPlatform, indexPlatforms } from '../index-manifest';
import { MANIFEST_ACCEPT, isIndexMediaType } from '../media-types';
import type { RegistryClient, ResolveOptions, ResolvedDigest } from '../registry-client';
import type { RegistrySettings } from '../registry-settings';
import { createAuthorizingFetch } from './authorizing-fetch';
import { parseRateLimit } from './rate-limit';
import { distributionErrorCode, registryHttpError, registryNetworkError } from './registry-http-error';

export interface OciRegistryClientDeps {
  readonly settings: RegistrySettings;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

/**
 * The distribution API over `fetch`: HEAD the manifest (free on Docker Hub), GET only an index
 * whose platform child is asked for.
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests
 */
export function createOciRegistryClient(deps: OciRegistryClientDeps): RegistryClient {
  const { settings, timeoutMs } = deps;
  const authorizingFetch = createAuthorizingFetch({ settings, fetch: deps.fetch ?? fetch, timeoutMs });

  async function manifestRequest(method: 'HEAD' | 'GET', ref: ImageRef, reference: string): Promise<Response> {
    const url = `${settings.endpoint}/v2/${ref.repository}/manifests/${reference}`;
    const target = formatImageRef(ref);
    let response: Response;
    try {
      response = await authorizingFetch(url, { method, headers: { accept: MANIFEST_ACCEPT }, scope: `repository:${ref.repository}:pull` });
    } catch (cause) {
      throw registryNetworkError(cause, target, timeoutMs);
    }
    if (response.ok) return response;
    const body = await response.text().catch(() => '');
    if (response.status === 404 && method === 'HEAD') return manifestRequest('GET', ref, reference);
    const code = distributionErrorCode(body);
    const known = response.status === 404 && code !== 'NAME_UNKNOWN' ? await repositoryKnown(ref) : true;
    throw registryHttpError(response, target, known ? code : 'NAME_UNKNOWN');
  }

  /**
   * distribution answers MANIFEST_UNKNOWN even for a repository it has never seen; only the
   * tags list says NAME_UNKNOWN. Asked on the 404 path only, to name the right error.
   */
  async function repositoryKnown(ref: ImageRef): Promise<boolean> {
    try {
      const url = `${settings.endpoint}/v2/${ref.repository}/tags/list?n=1`;
      const response = await authorizingFetch(url, { method: 'GET', headers: { accept: 'application/json' }, scope: `repository:${ref.repository}:pull` });
      const body = await response.text();
      return !(response.status === 404 && distributionErrorCode(body) === 'NAME_UNKNOWN');
    } catch {
      return true;
    }
  }

  async function readManifest(ref: ImageRef, digest: string): Promise<unknown> {
    const response = await manifestRequest('GET', ref, digest);
    const bytes = Buffer.from(await response.arrayBuffer());
    const [algorithm, expected] = digest.split(':');
    if (createHash(algorithm ?? 'sha256').update(bytes).digest('hex') !== expected) {
      throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the manifest ${digest} of ${formatImageRef(ref)} does not match its digest`);
    }
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch (cause) {
      throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the manifest ${digest} of ${formatImageRef(ref)} is not JSON`, { cause });
    }
  }

  return {
    async resolveDigest(ref: ImageRef, options: ResolveOptions = {}): Promise<ResolvedDigest> {
      const reference = ref.digest ?? ref.tag ?? 'latest';
      const head = await manifestRequest('HEAD', ref, reference);
      const mediaType = (head.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const digest = head.headers.get('docker-content-digest') ?? await digestFromBody(ref, reference);
      const rateLimit = parseRateLimit(head.headers);
      const base = { digest, mediaType, ...(rateLimit ? { rateLimit } : {}) };
      if (options.platform === undefined) return base;
      if (!isIndexMediaType(mediaType)) return { ...base, platformDigest: digest };

      const platforms = indexPlatforms(await readManifest(ref, digest));
      if (platforms === null) throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the index ${digest} of ${formatImageRef(ref)} has no valid manifest list`);
      const child = findPlatform(platforms, options.platform);
      if (!child) {
        const known = platforms.map((entry) => entry.platform).join(', ') || 'none';
        throw new CascadeError('REGISTRY_PLATFORM_NOT_FOUND', `${formatImageRef(ref)} has no ${options.platform} manifest (platforms: ${known})`);
      }
      return { ...base, platforms, platformDigest: child.digest };
    },
  };

  /** Some registries omit `Docker-Content-Digest` on HEAD: the digest is the body's sha256. */
  async function digestFromBody(ref: ImageRef, reference: string): Promise<string> {
    const response = await manifestRequest('GET', ref, reference);
    const header = response.headers.get('docker-content-digest');
    const bytes = Buffer.from(await response.arrayBuffer());
    return header ?? `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  }
}
