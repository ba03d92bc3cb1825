/** Where an event came from: a webhook source, or Cascade's own poller. */
export type EventSource = 'acr' | 'eventgrid' | 'dockerhub' | 'distribution' | 'poll';

/**
 * The one internal event every source is normalised into at its edge (DESIGN.md §3): a tag now
 * points at a digest. The core never sees a vendor payload.
 */
export interface ImagePushed {
  readonly source: EventSource;
  /** The sender's id for the event; unique per source, so a redelivery is recognised. */
  readonly eventId: string;
  /** Canonical `registry/repository:tag` (never a digest reference). */
  readonly ref: string;
  /** The new digest, or null when the sender does not say (Docker Hub): resolved before matching. */
  readonly digest: string | null;
  readonly mediaType: string | null;
  /** ISO 8601 time Cascade received it. */
  readonly receivedAt: string;
}

/** A delivered event Cascade does not act on (a delete, a ping, a pull), kept with the reason. */
export interface IgnoredEvent {
  readonly source: EventSource;
  readonly eventId: string;
  /** The sender's action, e.g. `delete`, `ping`, `pull`. */
  readonly action: string;
  readonly reason: string;
  /** The reference, when the event names one. */
  readonly ref: string | null;
  readonly receivedAt: string;
}
