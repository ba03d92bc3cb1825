/** One build as an agent runs it: the task's recipe on a prepared context directory. */
export interface BuildSpec {
  readonly contextDir: string;
  /** Path of the Dockerfile relative to `contextDir`. */
  readonly dockerfile: string;
  /** Canonical references with tags; every one is pushed. */
  readonly images: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target: string | null;
  /** `os/arch[/variant]`. */
  readonly platform: string;
  /** For the whole build, pushes included. */
  readonly timeoutMs: number;
  /** Aborting ends the build (the agent is shutting down); the outcome is a retryable `Error`. */
  readonly signal?: AbortSignal;
}

/**
 * How a build ended. Failures are values, never exceptions (STYLE.md habit 4): `Failed` is the
 * Dockerfile's fault, `Timeout` the task's limit, `Error` everything around the build.
 */
export type BuildOutcome =
  | { readonly status: 'Succeeded'; readonly log: string }
  | {
    readonly status: 'Failed' | 'Timeout' | 'Error';
    /** Combined stdout and stderr, capped (see `createBuildLog`). */
    readonly log: string;
    /** One line for people. */
    readonly reason: string;
    /** True when the same build may succeed later: a registry 5xx or a network fault, a cancelled build. */
    readonly retryable: boolean;
  };

/** The builder port: builds the image and pushes every one of `images`. */
export interface Builder {
  build(spec: BuildSpec): Promise<BuildOutcome>;
}
