import { CascadeError } from '../../errors';
import { formatImageRef, type ImageRef } from '../../image-ref';
import { findPlatform, indexPlatforms } from '../index-manifest';
import { isIndexMediaType } from '../media-types';
import type { PlatformManifest } from '../registry-client';

/** The platforms of an index and the one asked for; both adapters fail the same way without it. */
export function platformChild(index: unknown, indexDigest: string, ref: ImageRef, platform: string): { platforms: PlatformManifest[]; child: PlatformManifest } {
  const platforms = indexPlatforms(index);
  if (platforms === null) throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the index ${indexDigest} of ${formatImageRef(ref)} has no valid manifest list`);
  const child = findPlatform(platforms, platform);
  if (!child) {
    const known = platforms.map((entry) => entry.platform).join(', ') || 'none';
    throw new CascadeError('REGISTRY_PLATFORM_NOT_FOUND', `${formatImageRef(ref)} has no ${platform} manifest (platforms: ${known})`);
  }
  return { platforms, child };
}

/** The real platforms of a manifest read by `listPlatforms`; null when it is a single image. */
export function indexPlatformsOf(ref: ImageRef, read: { readonly digest: string; readonly mediaType: string; readonly manifest: unknown }): PlatformManifest[] | null {
  const bodyType = (read.manifest as { mediaType?: unknown } | null)?.mediaType;
  const mediaType = typeof bodyType === 'string' ? bodyType : read.mediaType;
  if (!isIndexMediaType(mediaType)) return null;
  const platforms = indexPlatforms(read.manifest);
  if (platforms === null) throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the index ${read.digest} of ${formatImageRef(ref)} has no valid manifest list`);
  return platforms;
}
