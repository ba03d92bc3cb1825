import { dependencyPlatforms } from '../core/task-platforms';
import { discoverDependencies, platformArgs, type Dependency, type DiscoveryResult, type Skipped } from '../dockerfile';

/** A base of the build, with the platforms of it that the build pulls. */
export interface PulledDependency extends Dependency {
  /** Normalised (`linux/arm64/v8`): what `resolveTrackedDigest` records child digests for. */
  readonly pulls: readonly string[];
}

export interface PlatformsDiscovery extends Omit<DiscoveryResult, 'dependencies'> {
  readonly dependencies: PulledDependency[];
}

export interface PlatformsDiscoveryOptions {
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target: string | null;
  /** The task's platform: one, or several comma-separated. */
  readonly platform: string;
}

/**
 * Discovery once for each platform a task builds: `TARGETPLATFORM`, `TARGETARCH` and friends
 * differ between them, and so may the bases (`FROM base-${TARGETARCH}`). The results merge by ref,
 * in the first platform's order, then the new refs of the next: a base that any platform's
 * build has as its runtime base is a runtime dependency, and each records the platforms pulled
 * of it (a `FROM --platform=` that names one wins, as BuildKit pulls that one). The build
 * platform (`BUILDPLATFORM`…) is the first platform throughout: one agent builds them all, on its
 * own platform. A single-platform task gets exactly `discoverDependencies`' answer.
 */
export function discoverForPlatforms(text: string, options: PlatformsDiscoveryOptions): PlatformsDiscovery {
  const platforms = [...new Set(options.platform.split(',').map((platform) => platform.trim()).filter((platform) => platform !== ''))];
  const byRef = new Map<string, PulledDependency>();
  const skipped = new Map<string, Skipped>();
  const targets = platforms.length > 0 ? platforms : [options.platform];
  const buildPlatform = Object.fromEntries([...platformArgs(targets[0])].filter(([name]) => name.startsWith('BUILD')));
  for (const platform of targets) {
    const discovery = discoverDependencies(text, { buildArgs: { ...buildPlatform, ...options.buildArgs }, platform, ...(options.target ? { target: options.target } : {}) });
    if (discovery.error) return { dependencies: [], skipped: [...skipped.values(), ...discovery.skipped], error: discovery.error };
    for (const skip of discovery.skipped) skipped.set(`${skip.line}\n${skip.reason}\n${skip.text}`, skip);
    for (const dependency of discovery.dependencies) {
      const pulls = dependencyPlatforms(platform, dependency.platform);
      const known = byRef.get(dependency.ref);
      if (known === undefined) {
        byRef.set(dependency.ref, { ...dependency, pulls });
        continue;
      }
      byRef.set(dependency.ref, {
        ...known,
        type: known.type === 'RunTime' || dependency.type === 'RunTime' ? 'RunTime' : 'BuildTime',
        pulls: [...new Set([...known.pulls, ...pulls])],
      });
    }
  }
  return { dependencies: [...byRef.values()], skipped: [...skipped.values()], error: null };
}
