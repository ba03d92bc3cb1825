import type { IgnoredEvent, ImagePushed } from '../core/image-pushed';
import { canonicalPushRef } from './canonical-push-ref';
import type { EventFacts } from './event-facts';
import { ignoreEvent } from './ignore-event';

/**
 * A push the source has already recognised, as an `ImagePushed`; or ignored with the reason
 * when it names no tag (`untaggedReason`), no registry host, or an invalid reference.
 */
export function toImageEvent(facts: EventFacts, untaggedReason: string): ImagePushed | IgnoredEvent {
  if (facts.tag === null) return ignoreEvent(facts, untaggedReason);
  if (facts.host === null) return ignoreEvent(facts, 'no registry host (request.host) in the event');
  if (facts.repository === null) return ignoreEvent(facts, 'no repository in the event');

  const ref = canonicalPushRef({ host: facts.host, repository: facts.repository, tag: facts.tag, digest: facts.digest });
  if (!ref.ok) return ignoreEvent(facts, ref.reason);
  return { source: facts.source, eventId: facts.eventId, ref: ref.ref, digest: ref.digest, mediaType: facts.mediaType, receivedAt: facts.receivedAt };
}
