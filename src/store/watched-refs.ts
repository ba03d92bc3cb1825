/** A tag the poller watches: some task with an enabled base-image trigger could be triggered by it. */
export interface TrackedRef {
  /** Canonical `registry/repository:tag`. */
  readonly ref: string;
  /** The registry host, as configured in `CASCADE_REGISTRIES`. */
  readonly registry: string;
  /** The distinct digests the dependent tasks recorded for it (null ones left out). */
  readonly digests: readonly string[];
}

/** What the poller last saw a ref point at (DESIGN.md §3, the poller row). */
export interface PollState {
  readonly ref: string;
  readonly registry: string;
  readonly digest: string;
  readonly mediaType: string | null;
  /** ISO 8601: when this digest was first seen. */
  readonly seenAt: string;
}
