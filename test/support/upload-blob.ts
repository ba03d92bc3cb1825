import type { Blob } from './built-manifest';
import { registryFailure } from './registry-failure';
import type { RegistryFetch } from './registry-fetch';

/**
 * Monolithic upload unless the registry has the blob: POST opens a session, PUT `<Location>&digest=…`
 * closes it. The Location is relative with `http.relativeurls` and always carries `_state` in its query.
 * https://distribution.github.io/distribution/spec/api/#monolithic-upload
 */
export async function uploadBlob(registryFetch: RegistryFetch, repo: string, blob: Blob): Promise<void> {
  const head = await registryFetch(`/v2/${repo}/blobs/${blob.digest}`, { method: 'HEAD' });
  if (head.ok) return;
  const opened = await registryFetch(`/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  const location = opened.headers.get('location');
  if (opened.status !== 202 || location === null) throw await registryFailure('open upload', repo, opened);
  const target = `${location}${location.includes('?') ? '&' : '?'}digest=${encodeURIComponent(blob.digest)}`;
  const put = await registryFetch(target, {
    method: 'PUT', body: blob.bytes, headers: { 'Content-Type': 'application/octet-stream' },
  });
  if (put.status !== 201) throw await registryFailure(`upload ${blob.digest}`, repo, put);
}
