import type { IgnoredEvent, ImagePushed } from '../../core/image-pushed';
import { CascadeError } from '../../errors';
import { bearerSecret } from '../bearer-secret';
import { collectOutcome } from '../collect-outcome';
import { eventIdOf, sha256Id } from '../event-id';
import { unreadableFacts, type EventFacts } from '../event-facts';
import { ignoreEvent } from '../ignore-event';
import { readJsonBody } from '../read-json-body';
import { secretEquals } from '../../secrets/secret-equals';
import { toImageEvent } from '../to-image-event';
import type { WebhookSource } from '../webhook-source';
import { isManifestMediaType } from './is-manifest-media-type';
import { distributionEnvelopeSchema, distributionEventSchema } from './schema';

/** Why each non-push action is ignored; any other action is ignored as unsupported. */
const IGNORED_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['pull', 'a pull changes nothing'],
  ['mount', 'a mount copies a blob between repositories'],
  ['delete', 'a delete does not move a tag to new content'],
]);

/**
 * A CNCF distribution registry's notifications (`POST /webhooks/distribution`), authenticated
 * by a static `Authorization: Bearer <secret>` from the endpoint's `headers` config. The
 * registry retries any 4xx or 5xx forever with the same event id, blocking its queue, so a bad
 * event inside a readable envelope is ignored as "malformed event", never refused; only a body
 * that is not JSON or has no `events` array gets a 400.
 */
export const distributionSource: WebhookSource = {
  name: 'distribution',
  authenticate: (request, secret) => secretEquals(bearerSecret(request.headers), secret),
  parse(request) {
    const envelope = distributionEnvelopeSchema.safeParse(readJsonBody(request));
    if (!envelope.success) throw new CascadeError('INVALID_REQUEST', 'the request body is not a notification envelope ({"events": […]})');
    const bodyId = sha256Id(request.rawBody);
    return collectOutcome(envelope.data.events.map((item, index) => normalise(item, `${bodyId}#${index}`, request.receivedAt)));
  },
};

function normalise(item: unknown, fallbackId: string, receivedAt: string): ImagePushed | IgnoredEvent {
  const parsed = distributionEventSchema.safeParse(item);
  if (!parsed.success) {
    return ignoreEvent(unreadableFacts({ source: 'distribution', eventId: eventIdOf(item, fallbackId), action: actionOf(item), receivedAt }), 'malformed event');
  }
  const { id, ...fields } = parsed.data;
  const facts: EventFacts = { source: 'distribution', eventId: id ?? eventIdOf(item, fallbackId), receivedAt, ...fields };
  if (facts.action !== 'push') return ignoreEvent(facts, IGNORED_ACTIONS.get(facts.action) ?? 'unsupported action');
  // Blob pushes (application/octet-stream, layers, configs) come before every manifest.
  if (!isManifestMediaType(facts.mediaType)) return ignoreEvent({ ...facts, tag: null, digest: null }, 'not an image manifest (a blob or another artifact)');
  // An index push sends its platform manifests untagged first, then the tagged index.
  return toImageEvent(facts, 'untagged manifest');
}

function actionOf(item: unknown): string {
  const action = typeof item === 'object' && item !== null ? (item as { action?: unknown }).action : undefined;
  return typeof action === 'string' ? action : 'unknown';
}
