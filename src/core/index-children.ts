import { isCascadeError } from '../errors';
import { parseImageRef } from '../image-ref';
import type { Logger } from '../logger';
import type { PlatformManifest, RegistryClient } from '../registry';
import type { Dependent, InboxEvent, Store } from '../store/store';
import { backoffMs } from './backoff';
import { needsChildren } from './platform-changes';

export interface IndexChildrenDeps {
  readonly registry: Pick<RegistryClient, 'listPlatforms'>;
  readonly store: Pick<Store, 'deferEvent'>;
  readonly now: () => Date;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Transient failures retried before falling back to index digests. */
  readonly maxAttempts: number;
}

/** The pushed index's platforms for the matcher, or why they are not compared. */
export interface IndexChildren {
  readonly children?: readonly PlatformManifest[] | null;
  /** Set when they could not be read and index digests are compared instead. */
  readonly fallback?: string;
}

/**
 * Reads the pushed manifest's platforms once per event (one GET by digest), and only when some
 * dependent records platform children that this push may not have changed (issue 6 §2). A
 * transient failure keeps the event with backoff, as a digest lookup does; a lasting one (or
 * too many) falls back to comparing index digests: a needless rebuild, never a missed one.
 * Null when the event was deferred.
 */
export async function indexChildren(deps: IndexChildrenDeps, event: InboxEvent, digest: string, dependents: readonly Dependent[], log: Logger): Promise<IndexChildren | null> {
  if (!dependents.some(({ dependency }) => needsChildren(dependency, digest))) return {};
  const parsed = parseImageRef(event.ref);
  try {
    if (!parsed.ok) throw new Error(`invalid reference: ${parsed.reason}`);
    return { children: await deps.registry.listPlatforms({ ...parsed.ref, digest }) };
  } catch (error) {
    const reason = isCascadeError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
    if (isCascadeError(error) && error.retryable && event.attempts + 1 < deps.maxAttempts) {
      const retryAt = new Date(deps.now().getTime() + backoffMs(event.attempts + 1, deps.retryBaseMs, deps.retryMaxMs));
      await deps.store.deferEvent(event.seq, retryAt, `index lookup failed, retrying at ${retryAt.toISOString()}: ${reason}`);
      log.warn({ reason, retryAt }, 'index lookup failed; event kept for retry');
      return null;
    }
    log.warn({ reason }, 'index lookup failed; comparing index digests');
    return { fallback: `platforms not compared (${reason}): index digests compared instead` };
  }
}
