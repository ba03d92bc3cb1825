import { isCascadeError } from '../errors';
import { parseImageRef } from '../image-ref';
import type { Logger } from '../logger';
import type { RegistryClient } from '../registry';
import type { EventCompletion, InboxEvent, Store } from '../store/store';
import type { Run } from './run';
import type { Task } from './task';
import { backoffMs } from './backoff';
import { indexChildren } from './index-children';
import { describeMatch, matchDependents, type MatchResult } from './match-dependents';
import { buildRebuildMessage } from './rebuild-message';
import { settleEvent } from './settle-window';
import { waitingRunsToRelease } from './waiting-runs';

export interface EventProcessorDeps {
  readonly store: Store;
  readonly registry: Pick<RegistryClient, 'resolveDigest' | 'listPlatforms'>;
  readonly logger: Logger;
  /** Called after runs were written, so the relay sends them at once. */
  readonly onRunsCreated: () => void;
  /** Called for each image-update run created, with its task (update-trigger notifications). */
  readonly onImageUpdateRun?: (task: Task, run: Run) => void;
  readonly now?: () => Date;
  readonly batchSize?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** CASCADE_MAX_HOPS: how deep a chain of rebuilds may go. */
  readonly maxHops?: number;
  /** How long a push of a ref waits for the report of a build of that ref in progress. */
  readonly chainWaitMs?: number;
  /** CASCADE_SETTLE_MS: pushes of one ref within this window coalesce to the newest (0: none). */
  readonly settleMs?: number;
  /** Transient failures reading a pushed index before its digests alone are compared. */
  readonly indexLookupAttempts?: number;
}

/**
 * Turns stored events into runs and outbox messages, after the sender has been answered
 * (DESIGN.md §4). An event without a digest (Docker Hub) is resolved first; when the registry
 * cannot answer, the event waits and is retried with backoff — never dropped.
 */
export function createEventProcessor(deps: EventProcessorDeps) {
  const now = deps.now ?? (() => new Date());
  const retryBaseMs = deps.retryBaseMs ?? 5_000;
  const retryMaxMs = deps.retryMaxMs ?? 3_600_000;

  async function digestOf(event: InboxEvent, log: Logger): Promise<string | null> {
    if (event.digest !== null) return event.digest;
    const parsed = parseImageRef(event.ref);
    try {
      if (!parsed.ok) throw new Error(`invalid reference: ${parsed.reason}`);
      const resolved = await deps.registry.resolveDigest(parsed.ref);
      await deps.store.setEventDigest(event.seq, resolved.digest, resolved.mediaType);
      return resolved.digest;
    } catch (error) {
      const reason = isCascadeError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
      const retryAt = new Date(now().getTime() + backoffMs(event.attempts + 1, retryBaseMs, retryMaxMs));
      await deps.store.deferEvent(event.seq, retryAt, `digest lookup failed, retrying at ${retryAt.toISOString()}: ${reason}`);
      log.warn({ reason, retryAt }, 'digest lookup failed; event kept for retry');
      return null;
    }
  }

  /**
   * Whether this push is a rebuild's own (DESIGN.md §1 "Chains"): its run is found by the digest
   * it reported. A push that arrives before the build in progress has reported waits for it.
   */
  async function chainOf(event: InboxEvent, digest: string, log: Logger): Promise<{ rootEvent: string; hop: number } | null | 'wait'> {
    const producer = await deps.store.findRunByOutput(event.ref, digest);
    if (producer) return { rootEvent: producer.rootEvent ?? `run:${producer.id}`, hop: producer.hop };
    const active = await deps.store.activeRunProducing(event.ref);
    const age = now().getTime() - Date.parse(event.receivedAt);
    if (active && age < (deps.chainWaitMs ?? 600_000)) {
      await deps.store.deferEvent(event.seq, new Date(now().getTime() + 250), `waiting for run ${active.id}, which pushes ${event.ref}, to report`);
      log.debug({ runId: active.id }, 'push of a ref being built: waiting for the build to report');
      return 'wait';
    }
    return null;
  }

  /** Matching reads only; the writes of a whole batch then share one transaction. */
  async function match(event: InboxEvent): Promise<EventCompletion & { log: Logger; result: MatchResult; event: InboxEvent; tasks: Map<string, Task> } | null> {
    const log = deps.logger.child({ eventId: event.eventId, source: event.source, ref: event.ref });
    const digest = await digestOf(event, log);
    if (digest === null) return null;
    const chain = await chainOf(event, digest, log);
    if (chain === 'wait') return null;
    const dependents = await deps.store.findDependents(event.ref);
    const index = await indexChildren({ ...deps, now, retryBaseMs, retryMaxMs, maxAttempts: deps.indexLookupAttempts ?? 3 }, event, digest, dependents, log);
    if (index === null) return null;
    const result = matchDependents({ ...event, digest, chain, maxHops: deps.maxHops ?? 8, ...(index.children === undefined ? {} : { children: index.children }) }, dependents);
    const released = chain === null ? [] : waitingRunsToRelease(await deps.store.deferredRunsWaitingOn(chain.rootEvent, event.ref), result);
    const tasks = new Map(dependents.map(({ task }) => [task.id, task]));
    for (const run of released) {
      const task = tasks.get(run.taskId) ?? (await deps.store.getTask(run.taskName));
      if (task) tasks.set(task.id, task);
    }
    const runs = [...result.runs, ...released.filter((run) => tasks.has(run.taskId))];
    const toMessage = (run: Run) => buildRebuildMessage(tasks.get(run.taskId)!, run);
    const note = [
      describeMatch(result),
      ...(released.length > 0 ? [`${released.map((run) => run.taskName).join(', ')} waited for this push and run now`] : []),
      ...(index.fallback ? [index.fallback] : []),
    ].join('; ');
    return { seq: event.seq, runs, deferred: result.deferred, dependencyUpdates: result.dependencyUpdates, toMessage, note, log, result, event, tasks };
  }

  return {
    /** Processes the events due now; returns how many it handled. */
    async processDue(): Promise<number> {
      const events = await deps.store.pendingEvents(deps.batchSize ?? 4, now());
      const matched: Array<NonNullable<Awaited<ReturnType<typeof match>>>> = [];
      const covered = new Set<number>();
      for (const due of events) {
        if (covered.has(due.seq)) continue;
        const settled = await settleEvent({ store: deps.store, settleMs: deps.settleMs ?? 0, now }, due, deps.logger.child({ eventId: due.eventId, ref: due.ref }));
        for (const seq of settled.covered) covered.add(seq);
        const completion = settled.event && await match(settled.event);
        if (completion) matched.push(completion);
      }
      const results = await deps.store.completeEvents(matched);
      let created = 0;
      for (const [i, result] of results.entries()) {
        const { log, result: found, event } = matched[i]!;
        if ('runs' in result) {
          created += result.runs.length;
          for (const run of result.runs) deps.onImageUpdateRun?.(matched[i]!.tasks.get(run.taskId)!, run);
          log.info({ runs: result.runs.map((run) => run.id), notTriggered: found.notTriggered.length }, 'event matched');
          continue;
        }
        // Rolled back alone (e.g. a task deleted meanwhile): matched again later, with backoff so a
        // fault that persists cannot spin.
        const retryAt = new Date(now().getTime() + backoffMs(event.attempts + 1, retryBaseMs, retryMaxMs));
        const reason = isCascadeError(result.error) ? `${result.error.code}: ${result.error.message}` : String((result.error as Error)?.message ?? result.error);
        await deps.store.deferEvent(event.seq, retryAt, `completion failed, retrying at ${retryAt.toISOString()}: ${reason}`);
        log.warn({ err: result.error, retryAt }, 'event completion failed; kept for retry');
      }
      if (created > 0) deps.onRunsCreated();
      return events.length;
    },
  };
}
