import type { Database } from 'better-sqlite3';
import type { Store } from '../store';
import type { PollState, TrackedRef } from '../watched-refs';

export type WatchedRefMethods = Pick<Store, 'listTrackedRefs' | 'listPollStates' | 'savePollStates' | 'hasEventFor' | 'countMissedNotifications'>;

interface TrackedRow {
  readonly ref: string;
  readonly registry: string;
  readonly digest: string | null;
}

interface PollStateRow {
  readonly ref: string;
  readonly registry: string;
  readonly digest: string;
  readonly media_type: string | null;
  readonly seen_at: string;
}

/**
 * A dependency is watched only when it could trigger its task (the matcher's rules): the task's
 * base-image trigger is enabled, and it is a runtime dependency or the trigger type is `All`.
 * Polling anything else would spend registries' rate limits on pushes that trigger nothing.
 */
const TRACKED_SQL = `
  SELECT m.ref AS ref, d.value ->> '$.registry' AS registry, d.value ->> '$.digest' AS digest
  FROM task_dependencies AS m
  JOIN tasks AS t ON t.seq = m.task_seq
  JOIN json_each(t.dependencies) AS d ON d.key = m.position
  WHERE t.spec ->> '$.baseImageTrigger.enabled' = 1
    AND (t.spec ->> '$.baseImageTrigger.type' = 'All' OR d.value ->> '$.type' = 'RunTime')
  ORDER BY m.ref`;

export function createSqliteWatchedRefs(db: Database): WatchedRefMethods {
  const selectTracked = db.prepare<[], TrackedRow>(TRACKED_SQL);
  const selectStates = db.prepare<[string], PollStateRow>('SELECT ref, registry, digest, media_type, seen_at FROM poll_state WHERE registry = ?');
  const upsertState = db.prepare<PollStateRow>(`INSERT INTO poll_state (ref, registry, digest, media_type, seen_at)
    VALUES (@ref, @registry, @digest, @media_type, @seen_at)
    ON CONFLICT (ref) DO UPDATE SET registry = excluded.registry, digest = excluded.digest, media_type = excluded.media_type, seen_at = excluded.seen_at`);
  const selectEvent = db.prepare<[string, string], number>('SELECT 1 FROM inbox_events WHERE ref = ? AND digest = ? LIMIT 1').pluck();
  // Reconciliation's events are the poll events whose ids start with `reconcile:` (see `pollEvent`):
  // a range on the (source, event_id) key. The registry is the ref's host, compared without LIKE.
  const countMissed = db.prepare<{ prefix: string }, number>(`SELECT count(*) FROM inbox_events
    WHERE source = 'poll' AND event_id >= 'reconcile:' AND event_id < 'reconcile;'
      AND substr(ref, 1, length(@prefix)) = @prefix`).pluck();

  const save = db.transaction((states: readonly PollState[]) => {
    for (const s of states) upsertState.run({ ref: s.ref, registry: s.registry, digest: s.digest, media_type: s.mediaType, seen_at: s.seenAt });
  });

  return {
    listTrackedRefs: async () => groupByRef(selectTracked.all()),
    listPollStates: async (registry) => selectStates.all(registry).map((row) => ({
      ref: row.ref, registry: row.registry, digest: row.digest, mediaType: row.media_type, seenAt: row.seen_at,
    })),
    savePollStates: async (states) => {
      if (states.length > 0) save.immediate(states);
    },
    hasEventFor: async (ref, digest) => selectEvent.get(ref, digest) !== undefined,
    countMissedNotifications: async (registry) => countMissed.get({ prefix: `${registry}/` }) ?? 0,
  };
}

/** Rows arrive ordered by ref: one entry per ref, its distinct recorded digests. */
function groupByRef(rows: readonly TrackedRow[]): TrackedRef[] {
  const refs: Array<{ ref: string; registry: string; digests: string[] }> = [];
  for (const row of rows) {
    let last = refs.at(-1);
    if (last?.ref !== row.ref) {
      last = { ref: row.ref, registry: row.registry, digests: [] };
      refs.push(last);
    }
    if (row.digest !== null && !last.digests.includes(row.digest)) last.digests.push(row.digest);
  }
  return refs;
}
