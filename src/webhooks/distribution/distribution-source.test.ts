import { fixtureBody, summarise, thrownBy, webhookRequest } from '../../../test/fixtures/webhooks/webhook-request';
import { isCascadeError } from '../../errors';
import { distributionSource } from './distribution-source';

const EVENTS_V1 = 'application/vnd.docker.distribution.events.v1+json';

const registryRequest = (name: string, contentType = EVENTS_V1) =>
  webhookRequest({ headers: { 'content-type': contentType, authorization: 'Bearer reg-s3cret' }, rawBody: fixtureBody('distribution', name) });

describe('distributionSource.parse: registry events', () => {
  it.each([
    ['push-oci-manifest.json', ['pushed 127.0.0.1:5000/base:1 sha256:19ce35d6d49f']],
    ['push-docker-manifest.json', ['pushed registry.internal:5443/team/app:v1.2.3 sha256:4d6d3f8286c0']],
    ['push-oci-index.json', ['pushed 127.0.0.1:5000/multi:latest sha256:a65448ef1d9f']],
    ['push-manifest-list.json', ['pushed localhost:5000/tools/list:2026.11 sha256:9061e286b400']],
    ['push-schema1.json', ['pushed registry.internal:5443/legacy/app:old sha256:50e1c756529c']],
    ['push-untagged-child-manifest.json', ['ignored push: untagged manifest']],
    ['push-blob.json', ['ignored push: not an image manifest (a blob or another artifact)']],
    [
      'push-manifest-and-layers.json',
      [
        'pushed registry.cluster.local/library/test:stable sha256:5eef0158eb8a',
        'ignored push: untagged manifest',
        'ignored push: not an image manifest (a blob or another artifact)',
        'ignored push: not an image manifest (a blob or another artifact)',
      ],
    ],
    ['pull.json', ['ignored pull: a pull changes nothing']],
    ['mount.json', ['ignored mount: a mount copies a blob between repositories']],
    ['delete-manifest.json', ['ignored delete: a delete does not move a tag to new content']],
    ['delete-tag.json', ['ignored delete: a delete does not move a tag to new content']],
    ['push-without-host.json', ['ignored push: no registry host (request.host) in the event']],
    [
      'malformed-entries.json',
      [
        'pushed 127.0.0.1:5000/base:3 sha256:d018abd15f67',
        'ignored unknown: malformed event',
        'ignored unknown: malformed event',
        'ignored unknown: malformed event',
        'ignored push: malformed event',
        'ignored push: invalid reference: invalid repository path component "Base" (repository names must be lower case)',
        'ignored push: invalid reference: invalid digest "sha256:tooshort": expected sha256: followed by 64 lower-case hex characters',
        'ignored push: invalid reference: "registry" is not a registry host (it needs a "." or a ":" or to be localhost)',
      ],
    ],
  ])('%s', (name, expected) => {
    const request = registryRequest(name);

    const outcome = distributionSource.parse(request);

    expect(summarise(outcome)).toEqual(expected);
  });

  it('normalises a push captured from distribution 2.8', () => {
    const request = registryRequest('push-oci-manifest.json');

    const outcome = distributionSource.parse(request);

    expect(outcome).toEqual({
      kind: 'events',
      events: [
        {
          source: 'distribution',
          eventId: 'b1e2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
          ref: '127.0.0.1:5000/base:1',
          digest: 'sha256:19ce35d6d49fa38aedf35e3af6837e7345364047bc48eaa9aa975e2ec7fbbbd6',
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          receivedAt: '2026-11-29T02:00:01.000Z',
        },
      ],
      ignored: [],
    });
  });

  it.each([
    ['delete-tag.json', '127.0.0.1:5000/base:1'],
    ['delete-manifest.json', '127.0.0.1:5000/base@sha256:19ce35d6d49fa38aedf35e3af6837e7345364047bc48eaa9aa975e2ec7fbbbd6'],
    ['push-blob.json', null],
  ])('records the reference %s names', (name, ref) => {
    const request = registryRequest(name);

    const outcome = distributionSource.parse(request);

    expect(outcome.kind === 'events' && outcome.ignored[0]?.ref).toBe(ref);
  });

  it('keeps the sender ids and derives stable, distinct ones for entries without', () => {
    const request = () => registryRequest('malformed-entries.json');

    const first = distributionSource.parse(request());
    const second = distributionSource.parse(request());

    const ids = first.kind === 'events' ? first.ignored.map((event) => event.eventId) : [];
    expect(ids.slice(2)).toEqual(['a8d9b0c1-d2e3-4f4a-9b5c-7d8e9f0a1b2c', expect.stringMatching(/^sha256:/), 'b9e0c1d2-e3f4-4a5b-8c6d-8e9f0a1b2c3d', 'c0f1d2e3-f4a5-4b6c-9d7e-9f0a1b2c3d4e', 'd1a2e3f4-a5b6-4c7d-8e8f-0a1b2c3d4e5f']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(second).toEqual(first);
  });

  it.each([[EVENTS_V1], ['application/vnd.docker.distribution.events.v2+json'], ['application/json']])('accepts %s', (contentType) => {
    const request = registryRequest('push-oci-manifest.json', contentType);

    const outcome = distributionSource.parse(request);

    expect(outcome.kind === 'events' && outcome.events).toHaveLength(1);
  });

  it('answers an empty envelope with no events', () => {
    const request = webhookRequest({ rawBody: Buffer.from('{"events":[]}') });

    const outcome = distributionSource.parse(request);

    expect(outcome).toEqual({ kind: 'events', events: [], ignored: [] });
  });
});

describe('distributionSource.parse: refused requests', () => {
  it.each([
    ['not JSON', EVENTS_V1, '{"events":[', 'INVALID_REQUEST'],
    ['an empty body', EVENTS_V1, '', 'INVALID_REQUEST'],
    ['no events array', EVENTS_V1, '{"event":{}}', 'INVALID_REQUEST'],
    ['events that are not an array', EVENTS_V1, '{"events":{"id":"x"}}', 'INVALID_REQUEST'],
    ['a bare array of events', EVENTS_V1, '[{"action":"push"}]', 'INVALID_REQUEST'],
    ['text/plain', 'text/plain', '{"events":[]}', 'UNSUPPORTED_MEDIA_TYPE'],
    ['octet-stream', 'application/octet-stream', '{"events":[]}', 'UNSUPPORTED_MEDIA_TYPE'],
  ])('%s', (_name, contentType, body, code) => {
    const request = webhookRequest({ headers: { 'content-type': contentType }, rawBody: Buffer.from(body) });

    const error = thrownBy(() => distributionSource.parse(request));

    expect(isCascadeError(error) && error.code).toBe(code);
  });
});

describe('distributionSource.authenticate', () => {
  it.each([
    ['the configured header', { authorization: 'Bearer reg-s3cret' }, {}, true],
    ['a wrong secret', { authorization: 'Bearer reg-s3creX' }, {}, false],
    ['a secret of another length', { authorization: 'Bearer r' }, {}, false],
    ['the Basic scheme', { authorization: 'Basic reg-s3cret' }, {}, false],
    ['the secret in the query', {}, { secret: 'reg-s3cret' }, false],
    ['nothing', {}, {}, false],
  ])('%s → %s', (_name, headers, query, expected) => {
    const request = webhookRequest({ headers, query });

    const ok = distributionSource.authenticate(request, 'reg-s3cret');

    expect(ok).toBe(expected);
  });

  it('never matches an empty configured secret', () => {
    const request = webhookRequest({ headers: { authorization: 'Bearer ' } });

    const ok = distributionSource.authenticate(request, '');

    expect(ok).toBe(false);
  });
});
