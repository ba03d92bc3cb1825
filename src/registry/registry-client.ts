import type { ImageRef } from '../image-ref';

/** One platform's manifest inside an image index. */
export interface PlatformManifest {
  /** `os/architecture[/variant]`, e.g. `linux/arm64/v8`. */
  readonly platform: string;
  readonly digest: string;
  readonly mediaType: string;
}

/** Rate-limit facts a registry announced (Docker Hub's `RateLimit-*` headers). */
export interface RateLimit {
  readonly limit: number | null;
  readonly remaining: number | null;
  /** The window the numbers apply to, in seconds (`;w=21600`). */
  readonly windowSeconds: number | null;
  /** Seconds to wait before the next call, from `Retry-After` or `RateLimit-Reset`. */
  readonly retryAfterSeconds: number | null;
}

export interface ResolvedDigest {
  /** The digest the tag points at (an index's own digest for a multi-platform tag). */
  readonly digest: string;
  readonly mediaType: string;
  /** The index's platform manifests, when the tag is an index and a platform was asked. */
  readonly platforms?: readonly PlatformManifest[];
  /** The child digest of the asked platform (equals `digest` for a single-platform image). */
  readonly platformDigest?: string;
  readonly rateLimit?: RateLimit;
}

export interface ResolveOptions {
  /** `os/arch[/variant]`: also find this platform's manifest when the tag is an index. */
  readonly platform?: string;
  /**
   * Never GET (the poller): a GET of a manifest counts as a pull on Docker Hub, a HEAD does not.
   * A 404 is then MANIFEST_NOT_FOUND without reading an error body; a registry that omits
   * `Docker-Content-Digest` on HEAD is a REGISTRY_PROTOCOL_ERROR.
   */
  readonly headOnly?: boolean;
}

/** A manifest as read back after a push (DESIGN.md §6). */
export interface InspectedManifest {
  /** The digest of the manifest read: the platform child's when the tag is an index and a platform was asked. */
  readonly digest: string;
  readonly mediaType: string;
  /**
   * The manifest's `annotations`, empty when it has none. buildah writes
   * `org.opencontainers.image.base.name` and `org.opencontainers.image.base.digest` on OCI images.
   * https://github.com/opencontainers/image-spec/blob/main/annotations.md
   */
  readonly annotations: Readonly<Record<string, string>>;
}

export interface InspectOptions {
  /** `os/arch[/variant]`: when the tag is an index, read this platform's manifest instead. */
  readonly platform?: string;
}

/**
 * The registry port: what digest a tag points at now, and what a manifest says about itself.
 * Adapters throw `CascadeError` with a `REGISTRY_*` code; `retryable` tells callers whether to
 * try again later.
 */
export interface RegistryClient {
  resolveDigest(ref: ImageRef, options?: ResolveOptions): Promise<ResolvedDigest>;
  /** GETs the manifest (verified against its digest) and returns its annotations. */
  inspectManifest(ref: ImageRef, options?: InspectOptions): Promise<InspectedManifest>;
  /**
   * GETs the manifest `ref` names (a digest reference, for a pushed index): its real platforms
   * when it is an image index (attestations skipped), null when it is a single image.
   */
  listPlatforms(ref: ImageRef): Promise<readonly PlatformManifest[] | null>;
}
