import { formatPlatform, parsePlatform } from '../registry/platform';

/**
 * The platforms a task builds, normalised (`linux/arm64` → `linux/arm64/v8`). A task's
 * `platform` may list several, comma-separated, as `buildah bud --platform` and buildx accept.
 */
export function taskPlatforms(platform: string): string[] {
  const platforms = platform.split(',').flatMap((text) => {
    const parsed = parsePlatform(text);
    return parsed ? [formatPlatform(parsed)] : [];
  });
  return [...new Set(platforms)];
}

/**
 * The platform a multi-platform task's Dockerfile is read for (`TARGETPLATFORM` and friends when
 * bases are discovered, the pushed manifest whose annotations are read back): the first it lists.
 */
export function primaryPlatform(platform: string): string {
  return platform.split(',')[0]!.trim();
}

/**
 * The platforms of a base the build pulls: a `FROM --platform=…` that names one wins (BuildKit
 * pulls that platform whatever the target); otherwise each platform the task builds.
 */
export function dependencyPlatforms(taskPlatform: string, fromPlatform: string | null): string[] {
  const pinned = fromPlatform === null ? [] : taskPlatforms(fromPlatform);
  return pinned.length > 0 ? pinned : taskPlatforms(taskPlatform);
}
