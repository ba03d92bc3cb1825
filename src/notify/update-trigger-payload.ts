import type { Run, TriggerImage } from '../core/run';
import type { BaseImageTriggerType, Task } from '../core/task';

/** ACR's `--update-trigger-payload-type`: the full facts, or only an opaque per-task token. */
export type UpdateTriggerPayloadType = 'Default' | 'Token';

/** The body of a `Default` notification. */
export interface DefaultUpdateTriggerPayload {
  /** The task's name. */
  readonly task: string;
  readonly runId: string;
  readonly trigger: { readonly name: string; readonly type: BaseImageTriggerType };
  readonly images: readonly TriggerImage[];
  /** When Cascade decided to notify (ISO 8601); the same on every retry. */
  readonly timestamp: string;
}

/** The body of a `Token` notification: the receiver maps the token to the task itself. */
export interface TokenUpdateTriggerPayload {
  readonly token: string;
}

export type UpdateTriggerPayload = DefaultUpdateTriggerPayload | TokenUpdateTriggerPayload;

/** What to send: `Default`, or `Token` with the task's token (a secret; never logged). */
export type UpdateTriggerPayloadChoice =
  | { readonly type: 'Default' }
  | { readonly type: 'Token'; readonly token: string };

export interface UpdateTriggerPayloadInput {
  readonly task: Pick<Task, 'name' | 'baseImageTrigger'>;
  readonly run: Pick<Run, 'id' | 'imageUpdateTrigger'>;
  readonly payload: UpdateTriggerPayloadChoice;
}

/** The notification body; a run without `imageUpdateTrigger` (not an image update) lists no images. */
export function updateTriggerPayload(input: UpdateTriggerPayloadInput, at: Date): UpdateTriggerPayload {
  if (input.payload.type === 'Token') return { token: input.payload.token };
  const { name, type } = input.task.baseImageTrigger;
  return {
    task: input.task.name,
    runId: input.run.id,
    trigger: { name, type },
    images: (input.run.imageUpdateTrigger?.images ?? []).map(({ registry, repository, tag, digest, previousDigest }) => ({ registry, repository, tag, digest, previousDigest })),
    timestamp: at.toISOString(),
  };
}
