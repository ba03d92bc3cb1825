import type { Database } from 'better-sqlite3';
import type { Store } from '../store';
import { rowToEvent, type EventRow } from './event-rows';

export type SettleMethods = Pick<Store, 'holdEvent' | 'pendingEventsOfRef' | 'supersedeEvents'>;

/** The settle window's inbox operations (issue 6 §2): hold an event, coalesce a ref's pushes. */
export function createSqliteSettle(db: Database): SettleMethods {
  const updateHeld = db.prepare<[number, string, number]>(
    "UPDATE inbox_events SET next_attempt_at = ?, note = ? WHERE seq = ? AND status = 'pending'",
  );
  // Served by inbox_events_pending_by_ref (migration 9).
  const selectPendingOfRef = db.prepare<[string], EventRow>(
    "SELECT * FROM inbox_events WHERE status = 'pending' AND ref = ? ORDER BY seq",
  );
  const updateSuperseded = db.prepare<[string, string, number]>(
    "UPDATE inbox_events SET status = 'processed', runs_created = 0, processed_at = ?, note = ? WHERE seq = ? AND status = 'pending'",
  );
  const supersede = db.transaction((seqs: readonly number[], note: string) => {
    const now = new Date().toISOString();
    for (const seq of seqs) updateSuperseded.run(now, note, seq);
  });

  return {
    holdEvent: async (seq, until, note) => {
      updateHeld.run(until.getTime(), note, seq);
    },
    pendingEventsOfRef: async (ref) => selectPendingOfRef.all(ref).map(rowToEvent),
    supersedeEvents: async (seqs, note) => {
      supersede.immediate(seqs, note);
    },
  };
}
