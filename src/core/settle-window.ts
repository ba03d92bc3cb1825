import type { Logger } from '../logger';
import type { InboxEvent, Store } from '../store/store';

export interface SettleWindowDeps {
  readonly store: Pick<Store, 'holdEvent' | 'pendingEventsOfRef' | 'supersedeEvents' | 'findRunByOutput' | 'activeRunProducing'>;
  /** CASCADE_SETTLE_MS; 0 processes every event as it comes. */
  readonly settleMs: number;
  readonly now: () => Date;
}

export interface Settled {
  /** What to match now in place of the due event: the newest push of its ref, or nothing yet. */
  readonly event: InboxEvent | null;
  /** Events of the ref handled here (held, superseded, or returned): not to be matched again in this pass. */
  readonly covered: readonly number[];
}

/**
 * The settle window (DESIGN.md §4, issue 6 §2): an index push arrives as several events, and a
 * tag may move several times within seconds. An event waits until `settleMs` after its receipt;
 * when the first pending event of a ref is due, the newest pending event of that ref is matched
 * instead and the older ones are closed with a note naming it. The window is fixed from the
 * first event, so a stream of pushes cannot delay dispatch forever. Acknowledgement never waits.
 * A push of one of Cascade's own rebuilds (a chain's next hop) does not wait: a build pushes each
 * tag once, an index after its children, so there is nothing to coalesce, and a chain of N levels
 * must not wait N windows. Older pending pushes of its ref are still coalesced into it.
 */
export async function settleEvent(deps: SettleWindowDeps, event: InboxEvent, log: Logger): Promise<Settled> {
  if (deps.settleMs <= 0 || event.ref === '') return { event, covered: [event.seq] };
  const due = Date.parse(event.receivedAt) + deps.settleMs;
  if (event.attempts === 0 && deps.now().getTime() < due && !(await isRebuildPush(deps.store, event))) {
    const until = new Date(due);
    await deps.store.holdEvent(event.seq, until, `settling until ${until.toISOString()} (CASCADE_SETTLE_MS), then coalesced with newer pushes of ${event.ref}`);
    return { event: null, covered: [event.seq] };
  }
  const pending = await deps.store.pendingEventsOfRef(event.ref);
  const newest = pending.at(-1) ?? event;
  const older = pending.filter(({ seq }) => seq !== newest.seq).map(({ seq }) => seq);
  if (older.length > 0) {
    await deps.store.supersedeEvents(older, `superseded by ${newest.source}:${newest.eventId} (event ${newest.seq}), a newer push of ${event.ref} within the settle window`);
    log.info({ supersededBy: newest.eventId, superseded: older.length }, 'pushes coalesced by the settle window');
  }
  const covered = [...new Set([event.seq, ...pending.map(({ seq }) => seq)])];
  if (newest.seq === event.seq) return { event, covered };
  // A newest event already retrying (registry down, a build in progress) keeps its own schedule.
  return { event: newest.attempts === 0 ? newest : null, covered };
}

/** Whether a run reported pushing this digest to this ref, or is building it now (see `chainOf`). */
async function isRebuildPush(store: SettleWindowDeps['store'], event: InboxEvent): Promise<boolean> {
  if (event.digest !== null && (await store.findRunByOutput(event.ref, event.digest)) !== null) return true;
  return (await store.activeRunProducing(event.ref)) !== null;
}
