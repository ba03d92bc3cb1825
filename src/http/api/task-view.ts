import type { Task } from '../../core/task';
import { parsePlatform } from '../../registry/platform';

/** A task as `az acr task show -o json` shapes it, with the fields Cascade has. */
export function taskView(task: Task) {
  const platforms = task.platform.split(',');
  const platform = parsePlatform(platforms[0]!);
  return {
    id: task.id,
    name: task.name,
    status: 'Enabled',
    creationDate: task.createdAt,
    lastUpdatedDate: task.updatedAt,
    platform: { os: platform?.os ?? null, architecture: platform?.architecture ?? null, variant: platform?.variant ?? null },
    // Cascade's: every platform built, when the task builds a multi-platform image (ACR's `platform` holds one).
    ...(platforms.length > 1 ? { platforms } : {}),
    agentPoolName: task.agentPool,
    timeout: task.timeoutSeconds,
    step: {
      type: 'Docker',
      imageNames: task.images,
      contextPath: task.context,
      dockerFilePath: task.dockerfile,
      arguments: Object.entries(task.buildArgs).map(([name, value]) => ({ name, value, isSecret: false })),
      target: task.target,
      // `platformDigests` (Cascade's): the child digest of each platform built, when the base is an index.
      baseImageDependencies: task.dependencies.map(({ type, registry, repository, tag, digest, platformDigests }) => ({
        type, registry, repository, tag, digest, ...(platformDigests ? { platformDigests } : {}),
      })),
    },
    trigger: {
      baseImageTrigger: {
        name: task.baseImageTrigger.name,
        baseImageTriggerType: task.baseImageTrigger.type,
        status: task.baseImageTrigger.enabled ? 'Enabled' : 'Disabled',
        updateTriggerEndpoint: task.updateTriggerEndpoint,
        updateTriggerPayloadType: task.updateTriggerPayloadType,
      },
    },
    warnings: task.warnings,
    /** What a `Token` notification carries; the receiver matches it to know the task. */
    updateTriggerToken: task.updateTriggerToken,
  };
}
