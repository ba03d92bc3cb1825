import type { PollState } from '../store/watched-refs';

/** How a registry's tags are watched: polled for pushes, or reconciled against its webhooks. */
export type WatchMode = 'poll' | 'reconcile';

/**
 * What a digest read from the registry means, before the inbox is asked:
 * - `unchanged`: what the poller saw last time;
 * - `first-sight`: never seen, and the tasks recorded it (or recorded nothing): just remembered;
 * - `changed`: a push to report (poll mode), `previous` being what it replaced as far as known;
 * - `unknown` (reconcile mode): differs from what the poller and the tasks know; it is a missed
 *   notification unless some event reported it.
 */
export type DigestVerdict =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'first-sight' }
  | { readonly kind: 'changed'; readonly previous: string | null }
  | { readonly kind: 'unknown'; readonly previous: string | null };

export function judgeDigest(mode: WatchMode, state: PollState | undefined, recorded: readonly string[], digest: string): DigestVerdict {
  if (state?.digest === digest) return { kind: 'unchanged' };
  if (mode === 'poll') {
    if (state !== undefined) return { kind: 'changed', previous: state.digest };
    // First sight: a task that recorded another digest is behind the tag already.
    const stale = recorded.find((known) => known !== digest);
    return stale === undefined ? { kind: 'first-sight' } : { kind: 'changed', previous: stale };
  }
  if (recorded.includes(digest) || (state === undefined && recorded.length === 0)) return { kind: 'first-sight' };
  return { kind: 'unknown', previous: state?.digest ?? recorded[0] ?? null };
}
