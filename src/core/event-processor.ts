import { isCascadeError } from '../errors';
import { parseImageRef } from '../image-ref';
import type { Logger } from '../logger';
import type { RegistryClient } from '../registry';
import type { InboxEvent, Store } from '../store/store';
import { backoffMs } from './backoff';
import { describeMatch, matchDependents } from './match-dependents';
import { buildRebuildMessage } from './rebuild-message';

export interface EventProcessorDeps {
  readonly store: Store;
  readonly registry: RegistryClient;
  readonly logger: Logger;
  /** Called after runs were written, so the relay sends them at once. */
  readonly onRunsCreated: () => void;
  readonly now?: () => Date;
  readonly batchSize?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
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

  async function processEvent(event: InboxEvent): Promise<void> {
    const log = deps.logger.child({ eventId: event.eventId, source: event.source, ref: event.ref });
    const digest = await digestOf(event, log);
    if (digest === null) return;
    const dependents = await deps.store.findDependents(event.ref);
    const result = matchDependents({ ...event, digest }, dependents);
    const tasks = new Map(dependents.map(({ task }) => [task.id, task]));
    const runs = await deps.store.completeEvent(event.seq, result.runs, (run) => buildRebuildMessage(tasks.get(run.taskId)!, run), describeMatch(result));
    log.info({ digest, dependents: dependents.length, runs: runs.map((run) => run.id) }, 'event matched');
    if (runs.length > 0) deps.onRunsCreated();
  }

  return {
    /** Processes the events due now; returns how many it handled. */
    async processDue(): Promise<number> {
      const events = await deps.store.pendingEvents(deps.batchSize ?? 100, now());
      for (const event of events) {
        await processEvent(event);
        // The store is synchronous: let waiting webhooks in between events.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return events.length;
    },
  };
}
