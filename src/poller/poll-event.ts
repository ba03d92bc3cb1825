import { createHash } from 'node:crypto';
import type { ImagePushed } from '../core/image-pushed';

export interface DetectedChange {
  readonly ref: string;
  readonly digest: string;
  readonly mediaType: string | null;
  readonly previous: string | null;
  /** Found by reconciliation: a push the registry's webhook never reported. */
  readonly reconciled: boolean;
  readonly receivedAt: string;
}

/**
 * A change the poller found, as the one internal event (source `poll`). The event id is derived
 * from ref, previous and new digest, so detecting the same change again (a cycle that crashed
 * before it recorded what it saw) is a duplicate in the inbox. Reconciliation's ids start with
 * `reconcile:`, the poller's with `poll:`.
 */
export function pollEvent(change: DetectedChange): ImagePushed {
  const hash = createHash('sha256').update(`${change.ref}\n${change.previous ?? ''}\n${change.digest}`).digest('hex');
  return {
    source: 'poll',
    eventId: `${change.reconciled ? 'reconcile' : 'poll'}:${hash.slice(0, 32)}`,
    ref: change.ref,
    digest: change.digest,
    mediaType: change.mediaType,
    receivedAt: change.receivedAt,
  };
}
