import type { BuiltManifest } from './built-manifest';
import { registryFailure } from './registry-failure';
import type { RegistryFetch } from './registry-fetch';
import { uploadBlob } from './upload-blob';

/**
 * Uploads the manifest's blobs, then PUTs it under `reference` (a tag or its digest). Whatever it
 * references (blobs, child manifests) must already be in the repository.
 */
export async function putManifest(registryFetch: RegistryFetch, repo: string, reference: string, manifest: BuiltManifest): Promise<void> {
  for (const blob of manifest.blobs) await uploadBlob(registryFetch, repo, blob);
  const response = await registryFetch(`/v2/${repo}/manifests/${reference}`, {
    method: 'PUT', body: manifest.bytes, headers: { 'Content-Type': manifest.mediaType },
  });
  if (response.status !== 201) throw await registryFailure(`put manifest ${reference}`, repo, response);
  const stored = response.headers.get('docker-content-digest');
  if (stored !== manifest.digest) throw new Error(`registry stored ${repo}:${reference} as ${stored}, expected ${manifest.digest}`);
}
