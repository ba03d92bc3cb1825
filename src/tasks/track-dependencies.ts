import type { TaskSpec, TrackedDependency } from '../core/task';
import { CascadeError, isCascadeError } from '../errors';
import { requireImageRef } from '../image-ref';
import type { RegistryClient } from '../registry';
import { discoverForPlatforms } from './discover-for-platforms';
import { resolveTrackedDigest } from './resolve-tracked-digest';

export interface Tracking {
  readonly dependencies: TrackedDependency[];
  readonly warnings: string[];
}

/**
 * Tracking from registration (DESIGN.md §1 "Discovery"): discover the bases with the task's
 * args, target and each of its platforms, then ask each registry for the tag's current digest (and, for an
 * index, the child digest of each platform built from it). A registry that cannot answer leaves
 * the digest null with a warning: the next push of the tag triggers.
 */
export async function trackDependencies(spec: TaskSpec, dockerfileText: string, registry: Pick<RegistryClient, 'resolveDigest'>): Promise<Tracking> {
  const discovery = discoverForPlatforms(dockerfileText, { buildArgs: spec.buildArgs, target: spec.target, platform: spec.platform });
  if (discovery.error) throw new CascadeError('DOCKERFILE_INVALID', `${spec.dockerfile}: ${discovery.error.message}`);
  const broken = discovery.skipped.filter((skip) => skip.reason === 'unresolved' || skip.reason === 'invalid');
  if (broken.length > 0) {
    const lines = broken.map((skip) => `line ${skip.line}: ${skip.text} (${skip.detail})`).join('; ');
    throw new CascadeError('DOCKERFILE_INVALID', `${spec.dockerfile} has base images that cannot be resolved with the task's build args: ${lines}`);
  }
  const warnings: string[] = [];
  const dependencies = await Promise.all(discovery.dependencies.map(async (dependency): Promise<TrackedDependency> => {
    const { type, ref, registry: host, repository, tag, platform, pulls } = dependency;
    try {
      const resolved = await resolveTrackedDigest(registry, requireImageRef(ref), pulls);
      return { type, ref, registry: host, repository, tag, platform, ...resolved };
    } catch (error) {
      const why = isCascadeError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
      warnings.push(`the digest of ${ref} could not be resolved (${why}); the next push of this tag will trigger the task`);
      return { type, ref, registry: host, repository, tag, platform, digest: null };
    }
  }));
  return { dependencies, warnings };
}
