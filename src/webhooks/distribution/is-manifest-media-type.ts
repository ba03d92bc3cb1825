// Manifests a tag can name; anything else in a push event is a blob (layer, config) or an
// artifact Cascade does not build on.
// https://github.com/opencontainers/image-spec/blob/main/media-types.md
// https://distribution.github.io/distribution/spec/manifest-v2-2/ (and schema1, still served by old registries)
const MANIFEST_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
]);

/** True for OCI and Docker image manifests and indexes (parameters and case ignored). */
export function isManifestMediaType(mediaType: string | null): boolean {
  if (mediaType === null) return false;
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return MANIFEST_MEDIA_TYPES.has(essence);
}
