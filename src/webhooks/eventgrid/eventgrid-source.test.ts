import { fixtureBody, summarise, thrownBy, webhookRequest } from '../../../test/fixtures/webhooks/webhook-request';
import { isCascadeError } from '../../errors';
import { eventGridSource } from './eventgrid-source';

const CLOUDEVENTS = 'application/cloudevents+json; charset=utf-8';
const BATCH = 'application/cloudevents-batch+json; charset=utf-8';

describe('eventGridSource.parse: documented payloads', () => {
  it.each([
    ['eventgrid-image-pushed.json', 'application/json', ['pushed contoso.azurecr.io/baseimages/node:20-alpine sha256:0d2bdb317d1a']],
    ['eventgrid-image-pushed-untagged.json', 'application/json', ['ignored Microsoft.ContainerRegistry.ImagePushed: untagged push']],
    ['eventgrid-image-deleted.json', 'application/json', ['ignored Microsoft.ContainerRegistry.ImageDeleted: not an image push']],
    ['eventgrid-chart-pushed.json', 'application/json', ['ignored Microsoft.ContainerRegistry.ChartPushed: not an image push']],
    ['eventgrid-chart-deleted.json', 'application/json', ['ignored Microsoft.ContainerRegistry.ChartDeleted: not an image push']],
    ['cloudevents-image-pushed.json', CLOUDEVENTS, ['pushed contoso.azurecr.io/baseimages/node:20-alpine sha256:0d2bdb317d1a']],
    [
      'cloudevents-batch.json',
      BATCH,
      [
        'pushed contoso.azurecr.io/alpine:3.20 sha256:8ef3c940025a',
        'ignored Microsoft.ContainerRegistry.ImageDeleted: not an image push',
        'ignored Microsoft.ContainerRegistry.ChartPushed: not an image push',
      ],
    ],
    [
      'batch-with-malformed-entries.json',
      'application/json',
      [
        'pushed contoso.azurecr.io/baseimages/node:20-alpine sha256:0d2bdb317d1a',
        'ignored unknown: malformed event',
        'ignored unknown: malformed event',
        'ignored Microsoft.ContainerRegistry.ImagePushed: malformed event',
        'ignored Microsoft.ContainerRegistry.ImagePushed: no registry host (request.host) in the event',
        'ignored Microsoft.ContainerRegistry.ImagePushed: invalid reference: invalid repository path component "BaseImages" (repository names must be lower case)',
      ],
    ],
  ])('%s (%s)', (name, contentType, expected) => {
    const request = webhookRequest({ headers: { 'content-type': contentType }, rawBody: fixtureBody('eventgrid', name) });

    const outcome = eventGridSource.parse(request);

    expect(summarise(outcome)).toEqual(expected);
  });

  it('takes the event id of the Event Grid envelope, not of the registry event inside', () => {
    const request = webhookRequest({ rawBody: fixtureBody('eventgrid', 'eventgrid-image-pushed.json') });

    const outcome = eventGridSource.parse(request);

    expect(outcome).toEqual({
      kind: 'events',
      events: [
        {
          source: 'eventgrid',
          eventId: '3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a1c',
          ref: 'contoso.azurecr.io/baseimages/node:20-alpine',
          digest: 'sha256:0d2bdb317d1af9548eaa5cb4daaca9cdda89b400a713f58ca8bd9ec24f226d08',
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          receivedAt: '2026-11-29T02:00:01.000Z',
        },
      ],
      ignored: [],
    });
  });

  it('gives every malformed entry an id, the same on a resend', () => {
    const request = () => webhookRequest({ rawBody: fixtureBody('eventgrid', 'batch-with-malformed-entries.json') });

    const first = eventGridSource.parse(request());
    const second = eventGridSource.parse(request());

    const ids = first.kind === 'events' ? first.ignored.map((event) => event.eventId) : [];
    expect(ids).toEqual([expect.stringMatching(/^sha256:/), expect.stringMatching(/^sha256:/), '8d0f2b4d-6f8b-4d0f-9b4d-6f8b0d2f4b6d', '9e1a3c5e-7a9c-4e1a-8c5e-7a9c1e3a5c7e', '1a3c5e7a-9c1e-4a3c-8e7a-9c1e3a5c7e9a']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(second).toEqual(first);
  });
});

describe('eventGridSource.parse: handshakes', () => {
  it('answers the subscription validation event with its code', () => {
    const request = webhookRequest({ headers: { 'content-type': 'application/json', 'aeg-event-type': 'SubscriptionValidation' }, rawBody: fixtureBody('eventgrid', 'subscription-validation.json') });

    const outcome = eventGridSource.parse(request);

    expect(outcome).toEqual({ kind: 'handshake', status: 200, headers: {}, body: { validationResponse: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' } });
  });

  it.each([['eventgrid.azure.net'], ['*']])('grants the CloudEvents OPTIONS request from %s', (origin) => {
    const request = webhookRequest({ method: 'OPTIONS', headers: { 'webhook-request-origin': origin } });

    const outcome = eventGridSource.parse(request);

    expect(outcome).toEqual({
      kind: 'handshake',
      status: 200,
      headers: { 'WebHook-Allowed-Origin': origin, 'WebHook-Allowed-Rate': '*', Allow: 'POST' },
      body: null,
    });
  });

  it.each([
    ['no origin', {}],
    ['an empty origin', { 'webhook-request-origin': '' }],
    ['an origin with spaces', { 'webhook-request-origin': 'evil example' }],
  ])('refuses an OPTIONS request with %s', (_name, headers) => {
    const request = webhookRequest({ method: 'options', headers });

    const error = thrownBy(() => eventGridSource.parse(request));

    expect(isCascadeError(error) && error.code).toBe('INVALID_REQUEST');
  });
});

describe('eventGridSource.parse: refused requests', () => {
  it.each([
    ['not JSON', 'application/json', '[{"id":', 'INVALID_REQUEST'],
    ['an empty body', 'application/json', '', 'INVALID_REQUEST'],
    ['a number', 'application/json', '42', 'INVALID_REQUEST'],
    ['a string', 'application/json', '"events"', 'INVALID_REQUEST'],
    ['null', 'application/json', 'null', 'INVALID_REQUEST'],
    ['text/plain', 'text/plain', '[]', 'UNSUPPORTED_MEDIA_TYPE'],
    ['XML', 'application/xml', '<events/>', 'UNSUPPORTED_MEDIA_TYPE'],
  ])('%s', (_name, contentType, body, code) => {
    const request = webhookRequest({ headers: { 'content-type': contentType }, rawBody: Buffer.from(body) });

    const error = thrownBy(() => eventGridSource.parse(request));

    expect(isCascadeError(error) && error.code).toBe(code);
  });

  it('answers an empty batch with no events', () => {
    const request = webhookRequest({ rawBody: Buffer.from('[]') });

    const outcome = eventGridSource.parse(request);

    expect(outcome).toEqual({ kind: 'events', events: [], ignored: [] });
  });
});

describe('eventGridSource.authenticate', () => {
  it.each([
    ['the query secret', {}, { secret: 'eg-s3cret' }, true],
    ['the bearer secret', { authorization: 'Bearer eg-s3cret' }, {}, true],
    ['a wrong query secret with the right header', { authorization: 'Bearer eg-s3cret' }, { secret: 'nope' }, true],
    ['a wrong query secret', {}, { secret: 'eg-s3creX' }, false],
    ['a longer query secret', {}, { secret: 'eg-s3cret-plus' }, false],
    ['an empty query secret', {}, { secret: '' }, false],
    ['a wrong bearer secret', { authorization: 'Bearer eg' }, {}, false],
    ['the secret under another scheme', { authorization: 'Token eg-s3cret' }, {}, false],
    ['nothing', {}, {}, false],
  ])('%s → %s', (_name, headers, query, expected) => {
    const request = webhookRequest({ headers, query });

    const ok = eventGridSource.authenticate(request, 'eg-s3cret');

    expect(ok).toBe(expected);
  });
});
