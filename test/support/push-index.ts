import { buildAttestation } from './attestation-manifest';
import type { BuiltManifest, ImageFormat } from './built-manifest';
import { MEDIA_TYPES } from './media-types';
import { buildImage } from './oci-image';
import { parsePlatform } from './platform';
import { putManifest } from './put-manifest';
import { createRegistryFetch, type RegistryAuth } from './registry-fetch';
import { sha256Digest } from './sha256-digest';

export interface PushIndexOptions {
  readonly platforms: readonly { readonly platform: string; readonly marker?: string }[];
  /** `oci` → OCI image index of OCI manifests; `docker` → manifest list of schema 2 manifests. */
  readonly format?: ImageFormat;
  /** Add a BuildKit-style attestation manifest (platform unknown/unknown) per platform. */
  readonly attestation?: boolean;
  readonly auth?: RegistryAuth;
}

export interface PushedIndex {
  readonly digest: string;
  readonly mediaType: string;
  readonly children: { readonly platform: string; readonly digest: string }[];
  readonly attestations: { readonly subject: string; readonly digest: string }[];
}

/** Pushes each platform's image by digest, their attestations, then the index as `<repo>:<tag>`. */
export async function pushIndex(registryUrl: string, repo: string, tag: string, options: PushIndexOptions): Promise<PushedIndex> {
  const format = options.format ?? 'oci';
  const registryFetch = createRegistryFetch(registryUrl, options.auth);
  const children = options.platforms.map(({ platform, marker }) => ({ platform, image: buildImage({ platform, marker, format }) }));
  const attestations = options.attestation ? children.map(({ image }) => ({ subject: image.digest, image: buildAttestation(image.digest) })) : [];
  for (const { image } of [...children, ...attestations]) await putManifest(registryFetch, repo, image.digest, image);

  const descriptor = (image: BuiltManifest): Record<string, unknown> => ({ mediaType: image.mediaType, digest: image.digest, size: image.size });
  const index = {
    schemaVersion: 2,
    mediaType: format === 'oci' ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.dockerList,
    manifests: [
      ...children.map(({ platform, image }) => ({ ...descriptor(image), platform: parsePlatform(platform) })),
      ...attestations.map(({ subject, image }) => ({
        ...descriptor(image),
        annotations: { 'vnd.docker.reference.digest': subject, 'vnd.docker.reference.type': 'attestation-manifest' },
        platform: { architecture: 'unknown', os: 'unknown' },
      })),
    ],
  };
  const bytes = Buffer.from(JSON.stringify(index));
  const built: BuiltManifest = { bytes, mediaType: index.mediaType, digest: sha256Digest(bytes), size: bytes.length, blobs: [] };
  await putManifest(registryFetch, repo, tag, built);
  return {
    digest: built.digest,
    mediaType: built.mediaType,
    children: children.map(({ platform, image }) => ({ platform, digest: image.digest })),
    attestations: attestations.map(({ subject, image }) => ({ subject, digest: image.digest })),
  };
}
