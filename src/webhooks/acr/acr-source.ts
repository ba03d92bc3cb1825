import { CascadeError } from '../../errors';
import { bearerSecret } from '../bearer-secret';
import { collectOutcome } from '../collect-outcome';
import { describeIssues } from '../describe-issues';
import { eventIdOf, sha256Id } from '../event-id';
import type { EventFacts } from '../event-facts';
import { ignoreEvent } from '../ignore-event';
import { readJsonBody } from '../read-json-body';
import { secretEquals } from '../../secrets/secret-equals';
import { toImageEvent } from '../to-image-event';
import type { WebhookSource } from '../webhook-source';
import { acrEventSchema } from './schema';

/** Why each non-push action is ignored; any other action is ignored as unsupported. */
const IGNORED_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['delete', 'a delete does not move a tag to new content'],
  ['quarantine', 'a quarantine event is not a release'],
  ['chart_push', 'a Helm chart push is not an image'],
  ['chart_delete', 'a Helm chart delete is not an image'],
  ['ping', 'a ping only tests the webhook'],
]);

/**
 * ACR's own webhooks (`POST /webhooks/acr`): one event per POST, authenticated by a static
 * `Authorization: Bearer <secret>` header set on the webhook (ACR signs nothing). ACR never
 * retries, so a body that is not an ACR event is refused with a 400 the operator sees in the
 * webhook's event log.
 */
export const acrSource: WebhookSource = {
  name: 'acr',
  authenticate: (request, secret) => secretEquals(bearerSecret(request.headers), secret),
  parse(request) {
    const body = readJsonBody(request);
    const parsed = acrEventSchema.safeParse(body);
    if (!parsed.success) {
      throw new CascadeError('INVALID_REQUEST', `the request body is not an ACR webhook event (${describeIssues(parsed.error)})`);
    }
    const { id, ...fields } = parsed.data;
    const facts: EventFacts = { source: 'acr', eventId: id ?? eventIdOf(body, sha256Id(request.rawBody)), receivedAt: request.receivedAt, ...fields };
    if (facts.action !== 'push') return collectOutcome([ignoreEvent(facts, IGNORED_ACTIONS.get(facts.action) ?? 'unsupported action')]);
    return collectOutcome([toImageEvent(facts, 'untagged push')]);
  },
};
