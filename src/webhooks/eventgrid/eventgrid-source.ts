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
import type { WebhookOutcome, WebhookRequest, WebhookSource } from '../webhook-source';
import { allowOrigin } from './allow-origin';
import { containerRegistryDataSchema, deliveredEventSchema, subscriptionValidationDataSchema } from './schema';

const IMAGE_PUSHED = 'Microsoft.ContainerRegistry.ImagePushed';
const SUBSCRIPTION_VALIDATION = 'Microsoft.EventGrid.SubscriptionValidationEvent';

/**
 * ACR events through Event Grid (`POST`/`OPTIONS /webhooks/eventgrid`), in the Event Grid or
 * CloudEvents schema, authenticated by `?secret=` on the subscription's endpoint URL or a
 * delivery header `Authorization: Bearer <secret>`. Event Grid retries a failed batch for 24 h,
 * so one bad entry is ignored as "malformed event", never a 400 for the batch; only a body
 * that is not JSON, or neither an object nor an array, is refused.
 */
export const eventGridSource: WebhookSource = {
  name: 'eventgrid',
  authenticate(request, secret) {
    const byHeader = secretEquals(bearerSecret(request.headers), secret);
    const byQuery = secretEquals(request.query.secret, secret);
    return byHeader || byQuery;
  },
  parse(request) {
    if (request.method.toUpperCase() === 'OPTIONS') return allowOrigin(request.headers['webhook-request-origin']);
    const body = readJsonBody(request);
    if (typeof body !== 'object' || body === null) {
      throw new CascadeError('INVALID_REQUEST', 'the request body is neither an event nor an array of events');
    }
    // Structured-mode CloudEvents arrive one object per request; batches and the Event Grid schema as arrays.
    const items: readonly unknown[] = Array.isArray(body) ? body : [body];
    return validationHandshake(items) ?? normaliseAll(items, request);
  },
};

/** Event Grid's subscription validation: echo the code with a 200, and the subscription is live. */
function validationHandshake(items: readonly unknown[]): WebhookOutcome | null {
  for (const item of items) {
    const event = deliveredEventSchema.safeParse(item);
    if (!event.success || event.data.type !== SUBSCRIPTION_VALIDATION) continue;
    const code = subscriptionValidationDataSchema.safeParse(event.data.data);
    if (code.success) return { kind: 'handshake', status: 200, headers: {}, body: { validationResponse: code.data } };
  }
  return null;
}

function normaliseAll(items: readonly unknown[], request: WebhookRequest): WebhookOutcome {
  const bodyId = sha256Id(request.rawBody);
  return collectOutcome(items.map((item, index) => normalise(item, `${bodyId}#${index}`, request.receivedAt)));
}

function normalise(item: unknown, fallbackId: string, receivedAt: string): ImagePushed | IgnoredEvent {
  const event = deliveredEventSchema.safeParse(item);
  if (!event.success) {
    return ignoreEvent(unreadableFacts({ source: 'eventgrid', eventId: eventIdOf(item, fallbackId), action: actionOf(item), receivedAt }), 'malformed event');
  }
  const base = unreadableFacts({ source: 'eventgrid', eventId: event.data.id, action: event.data.type, receivedAt });
  const data = containerRegistryDataSchema.safeParse(event.data.data);
  const facts: EventFacts = data.success ? { ...base, ...data.data } : base;
  if (event.data.type !== IMAGE_PUSHED) return ignoreEvent(facts, 'not an image push');
  if (!data.success) return ignoreEvent(facts, 'malformed event');
  return toImageEvent(facts, 'untagged push');
}

/** The event's type, for the record, when a malformed entry still names one. */
function actionOf(item: unknown): string {
  if (typeof item !== 'object' || item === null) return 'unknown';
  const { type, eventType } = item as { type?: unknown; eventType?: unknown };
  if (typeof type === 'string') return type;
  return typeof eventType === 'string' ? eventType : 'unknown';
}
