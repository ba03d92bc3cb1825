import type { IgnoredEvent, ImagePushed } from '../core/image-pushed';
import type { WebhookOutcome } from './webhook-source';

/** Splits normalised events into those to act on and those ignored, keeping their order. */
export function collectOutcome(items: readonly (ImagePushed | IgnoredEvent)[]): WebhookOutcome {
  const events: ImagePushed[] = [];
  const ignored: IgnoredEvent[] = [];
  for (const item of items) {
    if ('reason' in item) ignored.push(item);
    else events.push(item);
  }
  return { kind: 'events', events, ignored };
}
