import { registryFailure } from './registry-failure';
import { createRegistryFetch, type RegistryAuth } from './registry-fetch';

/**
 * Deletes a manifest by digest (the registry refuses tags; `storage.delete.enabled` is set by
 * startRegistry). Every tag pointing at it goes too; its blobs stay until garbage collection.
 */
export async function deleteManifest(registryUrl: string, repo: string, digest: string, auth?: RegistryAuth): Promise<void> {
  const response = await createRegistryFetch(registryUrl, auth)(`/v2/${repo}/manifests/${digest}`, { method: 'DELETE' });
  if (response.status !== 202) throw await registryFailure(`delete manifest ${digest}`, repo, response);
}
