import { MEDIA_TYPES } from './media-types';
import { sha256Digest } from './sha256-digest';

export type ImageFormat = 'oci' | 'docker';

/** Content to upload before the manifest that references it. */
export interface Blob {
  readonly bytes: Buffer;
  readonly digest: string;
}

/** A serialised manifest, ready to PUT, with the blobs it needs. */
export interface BuiltManifest {
  readonly bytes: Buffer;
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly blobs: readonly Blob[];
}

export interface ManifestInput {
  readonly format: ImageFormat;
  readonly config: unknown;
  /** Overrides the format's config media type. */
  readonly configMediaType?: string;
  readonly layers: readonly { readonly bytes: Buffer; readonly mediaType?: string; readonly annotations?: Record<string, string> }[];
  /** OCI only: Docker schema 2 has no annotations. */
  readonly annotations?: Record<string, string>;
}

/** An image manifest (OCI or Docker schema 2) over a config object and layer blobs. */
export function buildManifest(input: ManifestInput): BuiltManifest {
  const oci = input.format === 'oci';
  const config = blob(Buffer.from(JSON.stringify(input.config)));
  const layers = input.layers.map((layer) => ({ ...blob(layer.bytes), layer }));
  const manifest = {
    schemaVersion: 2,
    mediaType: oci ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest,
    config: { mediaType: input.configMediaType ?? (oci ? MEDIA_TYPES.ociConfig : MEDIA_TYPES.dockerConfig), digest: config.digest, size: config.bytes.length },
    layers: layers.map(({ digest, bytes, layer }) => ({
      mediaType: layer.mediaType ?? (oci ? MEDIA_TYPES.ociLayer : MEDIA_TYPES.dockerLayer),
      digest,
      size: bytes.length,
      ...(layer.annotations === undefined ? {} : { annotations: layer.annotations }),
    })),
    ...(oci && input.annotations !== undefined ? { annotations: input.annotations } : {}),
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  return { bytes, mediaType: manifest.mediaType, digest: sha256Digest(bytes), size: bytes.length, blobs: [config, ...layers.map(({ bytes: b, digest }) => ({ bytes: b, digest }))] };
}

function blob(bytes: Buffer): Blob {
  return { bytes, digest: sha256Digest(bytes) };
}
