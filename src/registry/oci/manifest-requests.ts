import { createHash } from 'node:crypto';
import { CascadeError } from '../../errors';
import { formatImageRef, type ImageRef } from '../../image-ref';
import { MANIFEST_ACCEPT } from '../media-types';
import type { RegistrySettings } from '../registry-settings';
import type { AuthorizingFetch } from './authorizing-fetch';
import { distributionErrorCode, registryHttpError, registryNetworkError } from './registry-http-error';

export interface ManifestRequestsDeps {
  readonly settings: RegistrySettings;
  readonly authorizingFetch: AuthorizingFetch;
  readonly timeoutMs: number;
}

/** A manifest's bytes, checked against the digest the registry or the reference named. */
export interface VerifiedManifest {
  readonly digest: string;
  /** From `Content-Type`; the caller may fall back to the body's `mediaType`. */
  readonly mediaType: string;
  readonly manifest: unknown;
}

const HASHES: Record<string, string> = { sha256: 'sha256', sha512: 'sha512' };

/**
 * The manifest endpoint of the distribution API, with its error mapping.
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests
 */
export function createManifestRequests(deps: ManifestRequestsDeps) {
  const { settings, authorizingFetch, timeoutMs } = deps;

  async function request(method: 'HEAD' | 'GET', ref: ImageRef, reference: string, headOnly = false): Promise<Response> {
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
    if (response.status === 404 && method === 'HEAD' && headOnly) throw registryHttpError(response, target, null);
    if (response.status === 404 && method === 'HEAD') return request('GET', ref, reference);
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

  /**
   * GETs a manifest by tag or digest. The bytes must hash to the digest asked for, else to
   * `Docker-Content-Digest`: a tag is only trusted as far as the registry vouches for it.
   */
  async function read(ref: ImageRef, reference: string): Promise<VerifiedManifest> {
    const response = await request('GET', ref, reference);
    const bytes = Buffer.from(await response.arrayBuffer());
    const claimed = reference.includes(':') ? reference : response.headers.get('docker-content-digest');
    const digest = claimed ?? `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const [algorithm = '', expected] = digest.split(':');
    const hash = HASHES[algorithm];
    if (hash === undefined || createHash(hash).update(bytes).digest('hex') !== expected) {
      throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the manifest ${digest} of ${formatImageRef(ref)} does not match its digest`);
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    try {
      return { digest, mediaType, manifest: JSON.parse(bytes.toString('utf8')) };
    } catch (cause) {
      throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the manifest ${digest} of ${formatImageRef(ref)} is not JSON`, { cause });
    }
  }

  return { request, read };
}

export type ManifestRequests = ReturnType<typeof createManifestRequests>;
