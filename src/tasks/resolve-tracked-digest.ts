import type { TrackedDependency } from '../core/task';
import { isCascadeError } from '../errors';
import type { ImageRef } from '../image-ref';
import type { RegistryClient } from '../registry';
import { findPlatform } from '../registry/index-manifest';

export type TrackedDigest = Pick<TrackedDependency, 'platformDigests'> & { readonly digest: string };

/**
 * The digest a tag points at and, when it is an image index, the child digest of each of the
 * given platforms (issue 6 §2), from one HEAD and one GET of the index. When the index lacks one
 * of them, no child is recorded: the index digest alone is compared, so nothing is missed.
 */
export async function resolveTrackedDigest(registry: Pick<RegistryClient, 'resolveDigest'>, ref: ImageRef, platforms: readonly string[]): Promise<TrackedDigest> {
  const [first] = platforms;
  if (first === undefined) return { digest: (await registry.resolveDigest(ref)).digest };
  let resolved;
  try {
    resolved = await registry.resolveDigest(ref, { platform: first });
  } catch (error) {
    if (isCascadeError(error) && error.code === 'REGISTRY_PLATFORM_NOT_FOUND') return { digest: (await registry.resolveDigest(ref)).digest };
    throw error;
  }
  if (!resolved.platforms) return { digest: resolved.digest };
  const platformDigests: Record<string, string> = {};
  for (const platform of platforms) {
    const child = findPlatform(resolved.platforms, platform);
    if (!child) return { digest: resolved.digest };
    platformDigests[platform] = child.digest;
  }
  return { digest: resolved.digest, platformDigests };
}
