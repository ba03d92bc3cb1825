import type { IgnoredEvent } from '../core/image-pushed';
import { formatImageRef, parseImageRef } from '../image-ref';
import type { EventFacts } from './event-facts';

/** An event Cascade does not act on, kept with the reason (STYLE.md habit 4). */
export function ignoreEvent(facts: EventFacts, reason: string): IgnoredEvent {
  return { source: facts.source, eventId: facts.eventId, action: facts.action, reason, ref: namedRef(facts), receivedAt: facts.receivedAt };
}

/** The reference the event names, canonical, when its fields make a valid one; else null. */
function namedRef(facts: EventFacts): string | null {
  const { host, repository, tag, digest } = facts;
  if (host === null || repository === null || (tag === null && digest === null)) return null;
  const parsed = parseImageRef(`${host}/${repository}${tag === null ? '' : `:${tag}`}${digest === null ? '' : `@${digest}`}`);
  return parsed.ok ? formatImageRef(parsed.ref) : null;
}
