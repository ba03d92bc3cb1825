import { DOCKER_HUB } from '../../image-ref';
import { CascadeError } from '../../errors';
import { collectOutcome } from '../collect-outcome';
import { describeIssues } from '../describe-issues';
import { sha256Id } from '../event-id';
import type { EventFacts } from '../event-facts';
import { readJsonBody } from '../read-json-body';
import { secretEquals } from '../../secrets/secret-equals';
import { toImageEvent } from '../to-image-event';
import type { WebhookSource } from '../webhook-source';
import { dockerHubPushSchema, type DockerHubPush } from './schema';

/**
 * Docker Hub repository webhooks (`POST /webhooks/dockerhub?secret=…`). Docker Hub signs
 * nothing and sends no headers of ours, so the secret rides in the URL. The payload has no
 * digest and no event id: the digest is resolved from the registry before matching, and the id
 * is derived from what the push says so a resend of it is recognised.
 */
export const dockerHubSource: WebhookSource = {
  name: 'dockerhub',
  authenticate: (request, secret) => secretEquals(request.query.secret, secret),
  parse(request) {
    const parsed = dockerHubPushSchema.safeParse(readJsonBody(request));
    if (!parsed.success) {
      throw new CascadeError('INVALID_REQUEST', `the request body is not a Docker Hub webhook payload (${describeIssues(parsed.error)})`);
    }
    const push = parsed.data;
    const facts: EventFacts = {
      source: 'dockerhub',
      eventId: eventId(push, request.rawBody),
      action: 'push',
      receivedAt: request.receivedAt,
      host: DOCKER_HUB,
      repository: push.repoName,
      tag: push.tag,
      digest: null,
      mediaType: null,
    };
    return collectOutcome([toImageEvent(facts, 'untagged push')]);
  },
};

function eventId(push: DockerHubPush, rawBody: Buffer): string {
  if (push.tag === null || push.pushedAt === null) return sha256Id(rawBody);
  return `${push.repoName}:${push.tag}@${String(push.pushedAt)}`;
}
