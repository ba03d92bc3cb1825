import { z } from 'zod';
import { formatPlatform, parsePlatform, samePlatform } from './platform';
import type { PlatformManifest } from './registry-client';

// https://github.com/opencontainers/image-spec/blob/main/image-index.md — only the fields used.
const indexSchema = z.object({
  manifests: z.array(z.object({
    mediaType: z.string(),
    digest: z.string(),
    platform: z.object({ os: z.string(), architecture: z.string(), variant: z.string().optional() }).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })),
});

/**
 * The real platforms of an index. BuildKit's attestation manifests (platform `unknown/unknown`,
 * annotation `vnd.docker.reference.type: attestation-manifest`) are not platforms.
 */
export function indexPlatforms(manifest: unknown): PlatformManifest[] | null {
  const parsed = indexSchema.safeParse(manifest);
  if (!parsed.success) return null;
  return parsed.data.manifests.flatMap((entry) => {
    if (!entry.platform || entry.platform.os === 'unknown') return [];
    if (entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return [];
    const platform = parsePlatform([entry.platform.os, entry.platform.architecture, entry.platform.variant].filter(Boolean).join('/'));
    return platform ? [{ platform: formatPlatform(platform), digest: entry.digest, mediaType: entry.mediaType }] : [];
  });
}

export function findPlatform(platforms: readonly PlatformManifest[], wanted: string): PlatformManifest | undefined {
  const target = parsePlatform(wanted);
  if (!target) return undefined;
  return platforms.find((entry) => {
    const candidate = parsePlatform(entry.platform);
    return candidate !== null && samePlatform(candidate, target);
  });
}
