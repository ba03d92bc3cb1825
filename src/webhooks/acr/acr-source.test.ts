import { fixtureBody, summarise, thrownBy, webhookRequest } from '../../../test/fixtures/webhooks/webhook-request';
import { isCascadeError } from '../../errors';
import { acrSource } from './acr-source';

const acrRequest = (name: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  webhookRequest({ headers, rawBody: fixtureBody('acr', name) });

describe('acrSource.parse: documented payloads', () => {
  it.each([
    ['push.json', ['pushed contoso.azurecr.io/baseimages/node:20-alpine sha256:750b6fe9d331']],
    ['push-oci-index.json', ['pushed contoso.azurecr.io/alpine:3.20 sha256:0c5ab2058a14']],
    ['push-untagged.json', ['ignored push: untagged push']],
    ['push-uppercase-repository.json', ['ignored push: invalid reference: invalid repository path component "BaseImages" (repository names must be lower case)']],
    ['push-without-request.json', ['ignored push: no registry host (request.host) in the event']],
    ['delete.json', ['ignored delete: a delete does not move a tag to new content']],
    ['chart-push.json', ['ignored chart_push: a Helm chart push is not an image']],
    ['chart-delete.json', ['ignored chart_delete: a Helm chart delete is not an image']],
    ['quarantine.json', ['ignored quarantine: a quarantine event is not a release']],
    ['ping.json', ['ignored ping: a ping only tests the webhook']],
  ])('%s', (name, expected) => {
    const request = acrRequest(name);

    const outcome = acrSource.parse(request);

    expect(summarise(outcome)).toEqual(expected);
  });

  it('normalises a push into the internal event', () => {
    const request = acrRequest('push.json');

    const outcome = acrSource.parse(request);

    expect(outcome).toEqual({
      kind: 'events',
      events: [
        {
          source: 'acr',
          eventId: '5f0c8a1e-7b2d-4c39-9e61-0a4d2b7c3e11',
          ref: 'contoso.azurecr.io/baseimages/node:20-alpine',
          digest: 'sha256:750b6fe9d3314488fe1de1b300f1aa0521528dd025a572b99de6a7f5e89d17f1',
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          receivedAt: '2026-11-29T02:00:01.000Z',
        },
      ],
      ignored: [],
    });
  });

  it('keeps the id, the action and the named reference of an ignored event', () => {
    const request = acrRequest('delete.json');

    const outcome = acrSource.parse(request);

    expect(outcome.kind === 'events' && outcome.ignored).toEqual([
      {
        source: 'acr',
        eventId: '9a1c3e5b-7d9f-4b1d-8f3a-6c8e0a2c4e6a',
        action: 'delete',
        reason: 'a delete does not move a tag to new content',
        ref: 'contoso.azurecr.io/baseimages/node@sha256:750b6fe9d3314488fe1de1b300f1aa0521528dd025a572b99de6a7f5e89d17f1',
        receivedAt: '2026-11-29T02:00:01.000Z',
      },
    ]);
  });

  it.each([
    ['{"action":"import","id":"x1"}', 'ignored import: unsupported action'],
    ['{"action":"constructor","id":"x2"}', 'ignored constructor: unsupported action'],
    ['{"action":"push","id":"x3","target":{"repository":"app","tag":"1","digest":"sha256:abc"},"request":{"host":"r.azurecr.io"}}', 'ignored push: invalid reference: invalid digest "sha256:abc": expected sha256: followed by 64 lower-case hex characters'],
    ['{"action":"push","id":"x4","target":{"repository":"app","tag":"1"},"request":{"host":"r.azurecr.io"}}', 'pushed r.azurecr.io/app:1 -'],
    ['{"action":"push","id":"x5","target":{"repository":"app","tag":"1@sha256:' + 'a'.repeat(64) + '"},"request":{"host":"r.azurecr.io"}}', 'ignored push: invalid reference: the repository, tag or digest is not well formed'],
    ['{"action":"push","id":"x6","target":{"repository":"app","tag":"1"},"request":{"host":"myregistry"}}', 'ignored push: invalid reference: "myregistry" is not a registry host (it needs a "." or a ":" or to be localhost)'],
  ])('%s', (body, expected) => {
    const request = webhookRequest({ rawBody: Buffer.from(body) });

    const outcome = acrSource.parse(request);

    expect(summarise(outcome)).toEqual([expected]);
  });

  it('derives the same id for the same event without one, so a resend dedupes', () => {
    const body = Buffer.from('{"action":"ping"}');

    const first = acrSource.parse(webhookRequest({ rawBody: body }));
    const second = acrSource.parse(webhookRequest({ rawBody: Buffer.from(body) }));

    expect(first.kind === 'events' && first.ignored[0]?.eventId).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(second).toEqual(first);
  });
});

describe('acrSource.parse: refused requests', () => {
  it.each([
    ['not JSON', { 'content-type': 'application/json' }, '{"action":', 'INVALID_REQUEST'],
    ['an empty body', { 'content-type': 'application/json' }, '', 'INVALID_REQUEST'],
    ['an array', { 'content-type': 'application/json' }, '[{"action":"push"}]', 'INVALID_REQUEST'],
    ['no action', { 'content-type': 'application/json' }, '{"id":"x","target":{}}', 'INVALID_REQUEST'],
    ['a target that is not an object', { 'content-type': 'application/json' }, '{"action":"push","target":"app:1"}', 'INVALID_REQUEST'],
    ['text/plain', { 'content-type': 'text/plain' }, '{"action":"ping"}', 'UNSUPPORTED_MEDIA_TYPE'],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'action=ping', 'UNSUPPORTED_MEDIA_TYPE'],
    ['a latin-1 charset', { 'content-type': 'application/json; charset=iso-8859-1' }, '{"action":"ping"}', 'UNSUPPORTED_MEDIA_TYPE'],
  ])('%s', (_name, headers, body, code) => {
    const request = webhookRequest({ headers, rawBody: Buffer.from(body) });

    const error = thrownBy(() => acrSource.parse(request));

    expect(isCascadeError(error) && error.code).toBe(code);
    if (body.length > 3) expect((error as Error).message).not.toContain(body);
  });

  it.each([
    ['application/json; charset=utf-8'],
    ['Application/JSON'],
    ['application/vnd.acr.webhook+json'],
  ])('accepts the content type %s', (contentType) => {
    const request = acrRequest('ping.json', { 'content-type': contentType });

    const outcome = acrSource.parse(request);

    expect(outcome.kind).toBe('events');
  });

  it('accepts a request without a content type', () => {
    const request = webhookRequest({ headers: {}, rawBody: fixtureBody('acr', 'ping.json') });

    const outcome = acrSource.parse(request);

    expect(outcome.kind).toBe('events');
  });
});

describe('acrSource.authenticate', () => {
  it.each([
    ['the right bearer secret', { authorization: 'Bearer s3cret-value' }, true],
    ['a lower-case scheme', { authorization: 'bearer s3cret-value' }, true],
    ['a wrong secret of the same length', { authorization: 'Bearer s3cret-valuX' }, false],
    ['a shorter secret', { authorization: 'Bearer s3cret' }, false],
    ['a longer secret', { authorization: 'Bearer s3cret-value-and-more' }, false],
    ['the Basic scheme', { authorization: 'Basic s3cret-value' }, false],
    ['the bare secret', { authorization: 's3cret-value' }, false],
    ['no header', {}, false],
  ])('%s → %s', (_name, headers, expected) => {
    const request = webhookRequest({ headers });

    const ok = acrSource.authenticate(request, 's3cret-value');

    expect(ok).toBe(expected);
  });

  it('ignores a secret in the query', () => {
    const request = webhookRequest({ query: { secret: 's3cret-value' } });

    const ok = acrSource.authenticate(request, 's3cret-value');

    expect(ok).toBe(false);
  });
});
