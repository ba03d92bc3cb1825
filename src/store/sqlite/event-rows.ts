import type { EventSource, IgnoredEvent, ImagePushed } from '../../core/image-pushed';
import type { InboxEvent } from '../store';

export interface EventRow {
  readonly seq: number;
  readonly source: string;
  readonly event_id: string;
  readonly ref: string | null;
  readonly digest: string | null;
  readonly media_type: string | null;
  readonly action: string | null;
  readonly received_at: string;
  readonly status: string;
  readonly attempts: number;
  readonly next_attempt_at: number;
  readonly note: string | null;
  readonly runs_created: number;
  readonly processed_at: string | null;
}

export type EventInsert = Pick<EventRow, 'source' | 'event_id' | 'ref' | 'digest' | 'media_type' | 'action' | 'received_at' | 'status' | 'note'>;

export function pushedToRow(event: ImagePushed): EventInsert {
  return {
    source: event.source, event_id: event.eventId, ref: event.ref, digest: event.digest, media_type: event.mediaType,
    action: null, received_at: event.receivedAt, status: 'pending', note: null,
  };
}

/** Kept, not dropped, so the dashboard can say why nothing happened. */
export function ignoredToRow(event: IgnoredEvent): EventInsert {
  return {
    source: event.source, event_id: event.eventId, ref: event.ref, digest: null, media_type: null,
    action: event.action, received_at: event.receivedAt, status: 'ignored', note: event.reason,
  };
}

export function rowToEvent(row: EventRow): InboxEvent {
  return {
    seq: row.seq, source: row.source as EventSource, eventId: row.event_id,
    // InboxEvent.ref is a string; an ignored event (a ping) may name no reference.
    ref: row.ref ?? '',
    digest: row.digest, mediaType: row.media_type, receivedAt: row.received_at, status: row.status as InboxEvent['status'],
    attempts: row.attempts, note: row.note, runsCreated: row.runs_created, processedAt: row.processed_at,
  };
}
