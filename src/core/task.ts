import type { DependencyType } from '../dockerfile';

export type BaseImageTriggerType = 'Runtime' | 'All';

/** What a task builds and when (shaped on `az acr task create`). */
export interface TaskSpec {
  readonly name: string;
  /** Canonical references of the images the task pushes. */
  readonly images: readonly string[];
  /** A local directory, or a git URL with an optional `#ref`. */
  readonly context: string;
  /** The Dockerfile's path inside the context. */
  readonly dockerfile: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target: string | null;
  readonly platform: string;
  readonly agentPool: string | null;
  readonly baseImageTrigger: {
    readonly name: string;
    readonly enabled: boolean;
    readonly type: BaseImageTriggerType;
  };
  /** Notified (signed) when a base-image update triggers the task. */
  readonly updateTriggerEndpoint: string | null;
  /** `Default`: the JSON notification; `Token`: only the task's token (ACR's payload types). */
  readonly updateTriggerPayloadType: 'Default' | 'Token';
  readonly timeoutSeconds: number;
}

/** A base image the task depends on, with the digest it had when last built or registered. */
export interface TrackedDependency {
  readonly type: DependencyType;
  /** Canonical `registry/repository:tag`. */
  readonly ref: string;
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  /** Null when the registry could not be asked: any push of the tag then triggers. */
  readonly digest: string | null;
  /** `FROM --platform=…`, when given. */
  readonly platform: string | null;
  /**
   * When the tag is an image index: the child digest of each platform the task builds from it
   * (`os/arch[/variant]` → digest), so a push that changes only other architectures, or adds an
   * attestation, triggers nothing (issue 6 §2). Absent for single-platform images and for tasks
   * recorded before it existed: the index digest alone is compared then.
   */
  readonly platformDigests?: Readonly<Record<string, string>>;
}

export interface Task extends TaskSpec {
  readonly id: string;
  /** Sent as the whole notification with payload type `Token`: identifies the task to the receiver. */
  readonly updateTriggerToken: string;
  readonly dependencies: readonly TrackedDependency[];
  /** Things the operator should know, e.g. a base whose digest could not be resolved. */
  readonly warnings: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}
