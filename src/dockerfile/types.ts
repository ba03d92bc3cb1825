/**
 * What a task's Dockerfile depends on (DESIGN.md §1): `RunTime` is the external base of the
 * built stage, `BuildTime` every other external image the built stage needs.
 */
export type DependencyType = 'RunTime' | 'BuildTime';

/** One external image the build pulls, named by a tag, so a push to that tag can trigger it. */
export interface Dependency {
  readonly type: DependencyType;
  /** Canonical `registry/repository:tag` (formatImageRef). */
  readonly ref: string;
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  /** 1-based line of the instruction that names the image. */
  readonly line: number;
  /** `FROM --platform=` after substitution; null when the instruction has none. */
  readonly platform: string | null;
}

/**
 * Why a reference is not a dependency: `scratch` is no image, a `pinned` digest never changes,
 * `unresolved` needs a value we were not given, `invalid` is not a reference at all.
 */
export type SkipReason = 'scratch' | 'pinned' | 'unresolved' | 'invalid';

export interface Skipped {
  /** The reference after substitution, or the raw text when it could not be substituted. */
  readonly text: string;
  readonly reason: SkipReason;
  readonly line: number;
  /** One human sentence: why. */
  readonly detail: string;
}

/**
 * `no-stages` and `target-not-found` are the user's Dockerfile or task; `internal` is a bug
 * in discovery, reported as a value because discovery promises never to throw.
 */
export type DiscoveryErrorCode = 'no-stages' | 'target-not-found' | 'internal';

export interface DiscoveryResult {
  readonly dependencies: Dependency[];
  readonly skipped: Skipped[];
  readonly error: { readonly code: DiscoveryErrorCode; readonly message: string } | null;
}

/** The parts of a task's build recipe that change what a Dockerfile depends on. */
export interface DiscoveryOptions {
  /** `--build-arg` values; they only reach ARGs the Dockerfile declares. */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** The stage to build (`--target`); the last stage when absent. */
  readonly target?: string;
  /** `os/arch[/variant]`, default `linux/amd64`; feeds TARGETPLATFORM and friends. */
  readonly platform?: string;
}
