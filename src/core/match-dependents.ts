import type { PlatformManifest } from '../registry/registry-client';
import type { Dependent, DependencyDigestUpdate, NewRun } from '../store/store';
import { platformChanges, platformContent } from './platform-changes';
import { chainRequestKey, imageUpdateRequestKey } from './request-key';
import type { TriggerImage } from './run';

/** The part of an inbox event the matcher reads. */
export interface PushToMatch {
  readonly source: string;
  readonly eventId: string;
  readonly ref: string;
  readonly digest: string;
  readonly receivedAt: string;
  /** The run whose build pushed this digest, when the push continues a chain. */
  readonly chain: { readonly rootEvent: string; readonly hop: number } | null;
  /** Deeper than this, a chain stops with a record (CASCADE_MAX_HOPS). */
  readonly maxHops: number;
  /**
   * The pushed index's platforms (null: a single image), read once per event; absent when they
   * were not needed or could not be read, and then only index digests are compared.
   */
  readonly children?: readonly PlatformManifest[] | null;
}

/** Why a dependent task was not triggered: data, so `explain` can show it. */
export interface NotTriggered {
  readonly task: string;
  readonly reason: 'trigger-disabled' | 'buildtime-dependency' | 'same-digest' | 'platform-unchanged' | 'hop-limit';
}

/** A run held back until the rebuild of another of its bases, in the same wave, has pushed. */
export interface DeferredRun {
  readonly waitingOn: string;
  readonly run: NewRun;
}

export interface MatchResult {
  readonly runs: NewRun[];
  readonly notTriggered: NotTriggered[];
  readonly deferred: DeferredRun[];
  /** Recorded index digests to move forward where the task's platforms did not change. */
  readonly dependencyUpdates: DependencyDigestUpdate[];
}

/**
 * DESIGN.md §1: a push triggers a task when the digest behind the same tag differs from the
 * recorded one (or none is recorded), the task's base-image trigger is enabled, and the
 * dependency's type is one the trigger reacts to (`Runtime`: RunTime only; `All`: both).
 * Issue 6 §2: when the base is an index whose children are known, a task is triggered only when
 * the child of one of its platforms changed; otherwise the recorded index digest moves forward.
 */
export function matchDependents(push: PushToMatch, dependents: readonly Dependent[]): MatchResult {
  const runs: NewRun[] = [];
  const notTriggered: NotTriggered[] = [];
  const dependencyUpdates: DependencyDigestUpdate[] = [];
  const hop = push.chain ? push.chain.hop + 1 : 0;
  const rootEvent = push.chain?.rootEvent ?? `${push.source}:${push.eventId}`;
  for (const { task, dependency } of dependents) {
    const trigger = task.baseImageTrigger;
    const changes = platformChanges(dependency, push.digest, push.children);
    if (!trigger.enabled) notTriggered.push({ task: task.name, reason: 'trigger-disabled' });
    else if (trigger.type === 'Runtime' && dependency.type !== 'RunTime') notTriggered.push({ task: task.name, reason: 'buildtime-dependency' });
    else if (dependency.digest === push.digest) notTriggered.push({ task: task.name, reason: 'same-digest' });
    else if (changes?.length === 0) {
      // Another architecture landed, or an attestation was added: only the index moved.
      notTriggered.push({ task: task.name, reason: 'platform-unchanged' });
      dependencyUpdates.push({ taskId: task.id, ref: dependency.ref, previousDigest: dependency.digest, digest: push.digest });
    } else if (hop > push.maxHops) notTriggered.push({ task: task.name, reason: 'hop-limit' });
    else {
      const image: TriggerImage = {
        registry: dependency.registry, repository: dependency.repository, tag: dependency.tag, digest: push.digest, previousDigest: dependency.digest,
        ...(changes ? { changedPlatforms: changes } : {}),
      };
      runs.push({
        taskId: task.id,
        taskName: task.name,
        trigger: 'Image Update',
        imageUpdateTrigger: {
          id: push.eventId,
          timestamp: push.receivedAt,
          images: [image],
        },
        rootEvent,
        hop,
        requestKey: push.chain ? chainRequestKey(task.id, rootEvent) : imageUpdateRequestKey(task.id, push.ref, changes ? platformContent(dependency, changes) : push.digest),
      });
    }
  }
  return { ...orderWave(push.ref, dependents, runs), notTriggered, dependencyUpdates };
}

/**
 * Orders a wave (DESIGN.md §1 "Chains"): a task that also depends on an image another task of
 * this wave rebuilds waits for that image's new push (it is then triggered as the next hop),
 * instead of building now on the old image. If that rebuild fails, its deferred runs are
 * released by the run report.
 */
function orderWave(ref: string, dependents: readonly Dependent[], runs: NewRun[]): Pick<MatchResult, 'runs' | 'deferred'> {
  const tasks = new Map(dependents.map(({ task }) => [task.id, task]));
  const rebuilt = new Map<string, string>();
  for (const run of runs) for (const image of tasks.get(run.taskId)?.images ?? []) rebuilt.set(image, run.taskId);
  const now: NewRun[] = [];
  const deferred: DeferredRun[] = [];
  for (const run of runs) {
    const waitingOn = tasks.get(run.taskId)?.dependencies.find((d) => d.ref !== ref && rebuilt.has(d.ref) && rebuilt.get(d.ref) !== run.taskId)?.ref;
    if (waitingOn) deferred.push({ waitingOn, run });
    else now.push(run);
  }
  return { runs: now, deferred };
}

/** One line for the event's record: what matching found. */
export function describeMatch(result: MatchResult): string {
  const skipped = new Map<string, number>();
  for (const { reason } of result.notTriggered) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const waiting = result.deferred.map(({ run, waitingOn }) => `${run.taskName} waits for the rebuild of ${waitingOn}`);
  const parts = [`${result.runs.length} run(s) requested`, ...[...skipped].map(([reason, n]) => `${n} not triggered (${reason})`), ...waiting];
  return parts.join('; ');
}
