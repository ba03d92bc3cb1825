import { buildImage, type ImageOptions } from './oci-image';
import { putManifest } from './put-manifest';
import { createRegistryFetch, type RegistryAuth } from './registry-fetch';

export interface PushImageOptions extends ImageOptions {
  readonly auth?: RegistryAuth;
}

export interface PushedManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
}

/** Builds the deterministic test image (see `buildImage`) and pushes it as `<repo>:<tag>` with fetch. */
export async function pushImage(registryUrl: string, repo: string, tag: string, options: PushImageOptions = {}): Promise<PushedManifest> {
  const image = buildImage(options);
  await putManifest(createRegistryFetch(registryUrl, options.auth), repo, tag, image);
  return { digest: image.digest, mediaType: image.mediaType, size: image.size };
}
