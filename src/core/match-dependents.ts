import type { Dependent, NewRun } from '../store/store';
import { chainRequestKey, imageUpdateRequestKey } from './request-key';

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
}

/** Why a dependent task was not triggered: data, so `explain` can show it. */
export interface NotTriggered {
  readonly task: string;
  readonly reason: 'trigger-disabled' | 'buildtime-dependency' | 'same-digest' | 'hop-limit';
}

export interface MatchResult {
  readonly runs: NewRun[];
  readonly notTriggered: NotTriggered[];
}

/**
 * DESIGN.md §1: a push triggers a task when the digest behind the same tag differs from the
 * recorded one (or none is recorded), the task's base-image trigger is enabled, and the
 * dependency's type is one the trigger reacts to (`Runtime`: RunTime only; `All`: both).
 */
export function matchDependents(push: PushToMatch, dependents: readonly Dependent[]): MatchResult {
  const runs: NewRun[] = [];
  const notTriggered: NotTriggered[] = [];
  const hop = push.chain ? push.chain.hop + 1 : 0;
  const rootEvent = push.chain?.rootEvent ?? `${push.source}:${push.eventId}`;
  for (const { task, dependency } of dependents) {
    const trigger = task.baseImageTrigger;
    if (!trigger.enabled) notTriggered.push({ task: task.name, reason: 'trigger-disabled' });
    else if (trigger.type === 'Runtime' && dependency.type !== 'RunTime') notTriggered.push({ task: task.name, reason: 'buildtime-dependency' });
    else if (dependency.digest === push.digest) notTriggered.push({ task: task.name, reason: 'same-digest' });
    else if (hop > push.maxHops) notTriggered.push({ task: task.name, reason: 'hop-limit' });
    else {
      runs.push({
        taskId: task.id,
        taskName: task.name,
        trigger: 'Image Update',
        imageUpdateTrigger: {
          id: push.eventId,
          timestamp: push.receivedAt,
          images: [{ registry: dependency.registry, repository: dependency.repository, tag: dependency.tag, digest: push.digest, previousDigest: dependency.digest }],
        },
        rootEvent,
        hop,
        requestKey: push.chain ? chainRequestKey(task.id, rootEvent) : imageUpdateRequestKey(task.id, push.ref, push.digest),
      });
    }
  }
  return { runs, notTriggered };
}

/** One line for the event's record: what matching found. */
export function describeMatch(result: MatchResult): string {
  const skipped = new Map<string, number>();
  for (const { reason } of result.notTriggered) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const parts = [`${result.runs.length} run(s) requested`, ...[...skipped].map(([reason, n]) => `${n} not triggered (${reason})`)];
  return parts.join('; ');
}
