import { MANIFEST_ACCEPT } from './media-types';
import { createRegistryFetch, type RegistryAuth } from './registry-fetch';

export interface ManifestHead {
  readonly status: number;
  /** `Docker-Content-Digest`, absent unless 200. */
  readonly digest?: string;
  readonly mediaType?: string;
}

/** HEAD a manifest with the Accept header every lookup needs (see MANIFEST_ACCEPT). */
export async function headManifest(registryUrl: string, repo: string, reference: string, auth?: RegistryAuth): Promise<ManifestHead> {
  const response = await createRegistryFetch(registryUrl, auth)(`/v2/${repo}/manifests/${reference}`, {
    method: 'HEAD', headers: { Accept: MANIFEST_ACCEPT },
  });
  const digest = response.headers.get('docker-content-digest');
  const mediaType = response.headers.get('content-type');
  return {
    status: response.status,
    ...(response.ok && digest !== null ? { digest } : {}),
    ...(response.ok && mediaType !== null ? { mediaType } : {}),
  };
}
