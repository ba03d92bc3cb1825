import type { EventSource } from '../core/image-pushed';

/**
 * What a vendor event says, flattened by its source's schema: the vendor-neutral input to
 * `toImageEvent` and `ignoreEvent`. Absent or empty fields are null.
 */
export interface EventFacts {
  readonly source: EventSource;
  readonly eventId: string;
  /** The sender's action or event type, e.g. `push`, `delete`, `Microsoft.ContainerRegistry.ImagePushed`. */
  readonly action: string;
  readonly receivedAt: string;
  /** The registry host that served the request (`request.host`). */
  readonly host: string | null;
  readonly repository: string | null;
  readonly tag: string | null;
  readonly digest: string | null;
  readonly mediaType: string | null;
}

/** Facts for an event whose fields could not be read at all. */
export function unreadableFacts(base: Pick<EventFacts, 'source' | 'eventId' | 'action' | 'receivedAt'>): EventFacts {
  return { ...base, host: null, repository: null, tag: null, digest: null, mediaType: null };
}
