import type { RebuildRequest } from '../core/rebuild-message';
import type { TrackedDependency } from '../core/task';
import { discoverDependencies } from '../dockerfile';
import { formatImageRef, parseImageRef, requireImageRef } from '../image-ref';
import type { RegistryClient } from '../registry';
import { dependencyPlatforms, primaryPlatform } from '../core/task-platforms';
import { resolveTrackedDigest } from '../tasks/resolve-tracked-digest';

const BASE_NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';

/**
 * The bases a build really used (DESIGN.md §1): the pushed image's base annotations name the
 * runtime base and its digest where the builder set them (buildah does for OCI images); every
 * other base comes from discovery with the run's args and a digest resolved now, at build time.
 */
export async function dependenciesUsed(
  request: RebuildRequest,
  dockerfileText: string,
  annotations: Readonly<Record<string, string>>,
  registry: Pick<RegistryClient, 'resolveDigest'>,
): Promise<TrackedDependency[]> {
  const { task } = request;
  const discovery = discoverDependencies(dockerfileText, { buildArgs: { ...task.buildArgs }, platform: primaryPlatform(task.platform), ...(task.target ? { target: task.target } : {}) });
  const annotated = annotatedBase(annotations);
  const discovered = discovery.dependencies.map(({ type, ref, registry: host, repository, tag, platform }): TrackedDependency => ({ type, ref, registry: host, repository, tag, platform, digest: null }));
  const runtime = discovered.find((d) => d.type === 'RunTime');
  const others = discovered.filter((d) => d.type !== 'RunTime' && d.ref !== annotated?.ref);
  const bases: TrackedDependency[] = [];
  if (annotated) bases.push({ type: 'RunTime', ...annotated, platform: runtime?.ref === annotated.ref ? runtime.platform : null });
  else if (runtime) bases.push(runtime);
  bases.push(...others);
  return Promise.all(bases.map(async (dependency) => {
    const resolved = await resolveTrackedDigest(registry, requireImageRef(dependency.ref), dependencyPlatforms(task.platform, dependency.platform)).catch(() => null);
    if (dependency.digest === null) return { ...dependency, ...(resolved ?? {}) };
    // The annotation names what was built on; its platform children are known only when the tag
    // still points at that index (or the child is the one built on).
    const same = resolved !== null && (resolved.digest === dependency.digest || Object.values(resolved.platformDigests ?? {}).includes(dependency.digest));
    return same ? { ...dependency, ...resolved } : dependency;
  }));
}

function annotatedBase(annotations: Readonly<Record<string, string>>): Omit<TrackedDependency, 'type' | 'platform'> | null {
  const name = annotations[BASE_NAME];
  const digest = annotations[BASE_DIGEST];
  if (!name || !digest) return null;
  const parsed = parseImageRef(name);
  if (!parsed.ok || parsed.ref.tag === null) return null;
  const { registry, repository, tag } = parsed.ref;
  return { ref: formatImageRef({ ...parsed.ref, digest: null }), registry, repository, tag, digest };
}
