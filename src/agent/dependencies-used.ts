import type { RebuildRequest } from '../core/rebuild-message';
import type { TrackedDependency } from '../core/task';
import { formatImageRef, parseImageRef, requireImageRef } from '../image-ref';
import type { RegistryClient } from '../registry';
import { dependencyPlatforms } from '../core/task-platforms';
import { discoverForPlatforms } from '../tasks/discover-for-platforms';
import { resolveTrackedDigest } from '../tasks/resolve-tracked-digest';

const BASE_NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';

/**
 * The bases a build really used (DESIGN.md §1): the pushed image's base annotations name the
 * runtime base and its digest where the builder set them (buildah does for OCI images; the
 * manifest read is the first platform's); every other base comes from discovery with the run's
 * args, for each platform built, and a digest resolved now, at build time.
 */
export async function dependenciesUsed(
  request: RebuildRequest,
  dockerfileText: string,
  annotations: Readonly<Record<string, string>>,
  registry: Pick<RegistryClient, 'resolveDigest'>,
): Promise<TrackedDependency[]> {
  const { task } = request;
  const discovery = discoverForPlatforms(dockerfileText, { buildArgs: task.buildArgs, target: task.target, platform: task.platform });
  const annotated = annotatedBase(annotations);
  type Base = TrackedDependency & { readonly pulls: readonly string[] };
  const discovered = discovery.dependencies.map(({ type, ref, registry: host, repository, tag, platform, pulls }): Base => ({ type, ref, registry: host, repository, tag, platform, digest: null, pulls }));
  // The first platform's runtime base comes first (see discoverForPlatforms): the annotation names it.
  const runtime = discovered.find((d) => d.type === 'RunTime');
  const others = discovered.filter((d) => d !== runtime && d.ref !== annotated?.ref);
  const bases: Base[] = [];
  if (annotated) {
    const same = runtime?.ref === annotated.ref ? runtime : undefined;
    bases.push({ type: 'RunTime', ...annotated, platform: same?.platform ?? null, pulls: same?.pulls ?? dependencyPlatforms(task.platform, null) });
  } else if (runtime) bases.push(runtime);
  bases.push(...others);
  return Promise.all(bases.map(async ({ pulls, ...dependency }): Promise<TrackedDependency> => {
    const resolved = await resolveTrackedDigest(registry, requireImageRef(dependency.ref), pulls).catch(() => null);
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
