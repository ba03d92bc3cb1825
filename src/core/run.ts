/** ACR's run statuses. */
export type RunStatus = 'Queued' | 'Started' | 'Running' | 'Succeeded' | 'Failed' | 'Canceled' | 'Error' | 'Timeout';

/** The trigger label `list-runs` shows. */
export type RunTrigger = 'Image Update' | 'Manual' | 'Commit' | 'Timer';

/** One base image change behind a run, as ACR's `imageUpdateTrigger.images[]`. */
export interface TriggerImage {
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  readonly digest: string;
  readonly previousDigest: string | null;
  /**
   * When the base is an image index whose children are tracked: the task's platforms whose child
   * changed (the others did not). Absent when only the index digest was compared.
   */
  readonly changedPlatforms?: readonly PlatformChange[];
}

/** One of a task's platforms whose child manifest in the base's index changed. */
export interface PlatformChange {
  readonly platform: string;
  /** The new child digest; null when the index no longer has this platform. */
  readonly digest: string | null;
  readonly previousDigest: string;
}

/** ACR's `imageUpdateTrigger`: why an image-update run happened. */
export interface ImageUpdateTrigger {
  /** The event that carried the change. */
  readonly id: string;
  readonly timestamp: string;
  readonly images: readonly TriggerImage[];
}

export interface Run {
  readonly id: string;
  readonly taskId: string;
  readonly taskName: string;
  readonly status: RunStatus;
  readonly trigger: RunTrigger;
  readonly imageUpdateTrigger: ImageUpdateTrigger | null;
  /** `<source>:<eventId>` of the event that started the chain (itself, for the first hop). */
  readonly rootEvent: string | null;
  readonly hop: number;
  /** Deterministic: one run per (task, base ref, new digest); the message id on the bus. */
  readonly requestKey: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}
