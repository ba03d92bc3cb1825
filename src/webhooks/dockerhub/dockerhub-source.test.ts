import { createHash } from 'node:crypto';
import { fixtureBody, summarise, thrownBy, webhookRequest } from '../../../test/fixtures/webhooks/webhook-request';
import { isCascadeError } from '../../errors';
import { dockerHubSource } from './dockerhub-source';

const hubRequest = (name: string) => webhookRequest({ rawBody: fixtureBody('dockerhub', name), query: { secret: 'hub-s3cret' } });

describe('dockerHubSource.parse: documented payloads', () => {
  it.each([
    ['push.json', ['pushed docker.io/contoso/base-node:20-alpine -']],
    ['push-without-pushed-at.json', ['pushed docker.io/contoso/base-node:20-alpine -']],
    ['push-one-segment-name.json', ['pushed docker.io/library/tools:v2 -']],
    ['push-without-tag.json', ['ignored push: untagged push']],
  ])('%s', (name, expected) => {
    const request = hubRequest(name);

    const outcome = dockerHubSource.parse(request);

    expect(summarise(outcome)).toEqual(expected);
  });

  it('has no digest: it is resolved from the registry before matching', () => {
    const request = hubRequest('push.json');

    const outcome = dockerHubSource.parse(request);

    expect(outcome).toEqual({
      kind: 'events',
      events: [
        {
          source: 'dockerhub',
          eventId: 'contoso/base-node:20-alpine@1795849262',
          ref: 'docker.io/contoso/base-node:20-alpine',
          digest: null,
          mediaType: null,
          receivedAt: '2026-11-29T02:00:01.000Z',
        },
      ],
      ignored: [],
    });
  });

  it('derives the id from the raw body when the push has no time', () => {
    const request = hubRequest('push-without-pushed-at.json');

    const outcome = dockerHubSource.parse(request);

    const expected = `sha256:${createHash('sha256').update(fixtureBody('dockerhub', 'push-without-pushed-at.json')).digest('hex')}`;
    expect(outcome.kind === 'events' && outcome.events[0]?.eventId).toBe(expected);
  });

  it.each([
    ['{"push_data":{"tag":"1","pushed_at":1},"repository":{"repo_name":"Contoso/App"}}', 'ignored push: invalid reference: invalid repository path component "Contoso" (repository names must be lower case)'],
    ['{"push_data":{"tag":"1.0","pushed_at":"1795849262"},"repository":{"repo_name":"contoso/app"}}', 'pushed docker.io/contoso/app:1.0 -'],
    ['{"push_data":null,"repository":{"repo_name":"contoso/app"}}', 'ignored push: untagged push'],
  ])('%s', (body, expected) => {
    const request = webhookRequest({ rawBody: Buffer.from(body) });

    const outcome = dockerHubSource.parse(request);

    expect(summarise(outcome)).toEqual([expected]);
  });
});

describe('dockerHubSource.parse: refused requests', () => {
  it.each([
    ['not JSON', 'application/json', '{"push_data"', 'INVALID_REQUEST'],
    ['an empty body', 'application/json', '', 'INVALID_REQUEST'],
    ['no repository', 'application/json', '{"push_data":{"tag":"1"}}', 'INVALID_REQUEST'],
    ['an empty repo_name', 'application/json', '{"push_data":{"tag":"1"},"repository":{"repo_name":""}}', 'INVALID_REQUEST'],
    ['an array', 'application/json', '[]', 'INVALID_REQUEST'],
    ['text/plain', 'text/plain', '{}', 'UNSUPPORTED_MEDIA_TYPE'],
    ['a form', 'application/x-www-form-urlencoded', 'payload=%7B%7D', 'UNSUPPORTED_MEDIA_TYPE'],
  ])('%s', (_name, contentType, body, code) => {
    const request = webhookRequest({ headers: { 'content-type': contentType }, rawBody: Buffer.from(body) });

    const error = thrownBy(() => dockerHubSource.parse(request));

    expect(isCascadeError(error) && error.code).toBe(code);
  });
});

describe('dockerHubSource.authenticate', () => {
  it.each([
    ['the right query secret', {}, { secret: 'hub-s3cret' }, true],
    ['a wrong query secret', {}, { secret: 'hub-s3creX' }, false],
    ['a shorter query secret', {}, { secret: 'hub' }, false],
    ['a longer query secret', {}, { secret: 'hub-s3cret-and-more' }, false],
    ['no query secret', {}, {}, false],
    ['the secret as a bearer header only', { authorization: 'Bearer hub-s3cret' }, {}, false],
  ])('%s → %s', (_name, headers, query, expected) => {
    const request = webhookRequest({ headers, query });

    const ok = dockerHubSource.authenticate(request, 'hub-s3cret');

    expect(ok).toBe(expected);
  });
});
