import { findPlatform } from '../registry/index-manifest';
import type { PlatformManifest } from '../registry/registry-client';
import type { PlatformChange } from './run';
import type { TrackedDependency } from './task';

/**
 * The recorded platforms whose child manifest differs in the pushed image (issue 6 §2): its
 * index's children, or the image itself when a single image replaced the index. A platform the
 * index no longer has counts as changed, so the build that cannot find it says so.
 * Null when the comparison cannot be made (children unknown or not recorded): the caller then
 * compares index digests.
 */
export function platformChanges(
  dependency: TrackedDependency,
  pushedDigest: string,
  children: readonly PlatformManifest[] | null | undefined,
): PlatformChange[] | null {
  const recorded = Object.entries(dependency.platformDigests ?? {});
  if (children === undefined || recorded.length === 0) return null;
  return recorded.flatMap(([platform, previousDigest]) => {
    const digest = children === null ? pushedDigest : findPlatform(children, platform)?.digest ?? null;
    return digest === previousDigest ? [] : [{ platform, digest, previousDigest }];
  });
}

/** Whether a push needs the index's children to be compared for this dependency. */
export function needsChildren(dependency: TrackedDependency, pushedDigest: string): boolean {
  return dependency.digest !== pushedDigest && Object.keys(dependency.platformDigests ?? {}).length > 0;
}

/**
 * What a platform-compared run is keyed on instead of the index digest: the task's platforms'
 * new children. An index that changes again without touching them (an attestation added while
 * the rebuild is queued) then maps to the same request, and is not rebuilt twice.
 */
export function platformContent(dependency: TrackedDependency, changes: readonly PlatformChange[]): string {
  const changed = new Map(changes.map(({ platform, digest }) => [platform, digest ?? 'missing']));
  return Object.entries(dependency.platformDigests ?? {})
    .map(([platform, previous]) => `${platform}=${changed.get(platform) ?? previous}`)
    .sort()
    .join(',');
}
