import fc from 'fast-check';
import { webhookRequest } from '../../test/fixtures/webhooks/webhook-request';
import { isCascadeError } from '../errors';
import { formatImageRef, parseImageRef } from '../image-ref';
import { WEBHOOK_SOURCES, type WebhookRequest, type WebhookSource, type WebhookSourceName } from '.';

const SOURCES = Object.values(WEBHOOK_SOURCES).map((source) => [source.name, source] as const);

/** `parse` returns an outcome whose refs are canonical, or throws a 4xx CascadeError: nothing else. */
function expectTotal(source: WebhookSource, request: WebhookRequest): void {
  let outcome;
  try {
    outcome = source.parse(request);
  } catch (error) {
    expect(isCascadeError(error)).toBe(true);
    if (isCascadeError(error)) expect(error.httpStatus >= 400 && error.httpStatus < 500).toBe(true);
    return;
  }
  if (outcome.kind === 'handshake') return;
  for (const event of outcome.events) {
    const parsed = parseImageRef(event.ref);
    expect(parsed.ok && formatImageRef(parsed.ref)).toBe(event.ref);
    expect(event.eventId).not.toBe('');
  }
  for (const event of outcome.ignored) {
    expect(typeof event.reason).toBe('string');
    expect(event.eventId).not.toBe('');
  }
}

const contentType = fc.option(
  fc.oneof(
    fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/cloudevents-batch+json', 'application/vnd.docker.distribution.events.v1+json', 'text/plain', 'application/json; charset=latin1', ';', '+json'),
    fc.string(),
  ),
  { nil: undefined },
);
const headers = fc.record({ 'content-type': contentType, 'webhook-request-origin': fc.option(fc.string(), { nil: undefined }), authorization: fc.option(fc.string(), { nil: undefined }) });
const method = fc.constantFrom('POST', 'OPTIONS', 'options', 'GET');
const request = (body: fc.Arbitrary<Buffer>) =>
  fc.record({ method, headers, rawBody: body }).map((fields) => webhookRequest(fields));

const text = fc.oneof(fc.string(), fc.constantFrom('', 'push', 'pull', 'mount', 'delete', 'ping', 'constructor', '__proto__', 'toString'));
const anyValue = fc.oneof(fc.jsonValue(), text);
/** Mostly the expected kind of value, sometimes anything at all. */
const field = <T>(value: fc.Arbitrary<T>) => fc.oneof({ arbitrary: value, weight: 12 }, { arbitrary: anyValue, weight: 1 });
const target = field(
  fc.record(
    {
      mediaType: field(fc.constantFrom('application/vnd.oci.image.manifest.v1+json', 'application/vnd.oci.image.index.v1+json', 'application/octet-stream', 'application/vnd.docker.distribution.manifest.v1+prettyjws')),
      digest: field(fc.constantFrom(`sha256:${'a'.repeat(64)}`, 'sha256:abc', 'md5:00')),
      repository: field(fc.constantFrom('base', 'team/app', 'Base', 'a//b', 'library/x', '')),
      tag: field(fc.constantFrom('1', 'latest', '1@sha256:x', '-x', '')),
    },
    { requiredKeys: ['repository', 'tag'] },
  ),
);
const registryEvent = fc.record(
  {
    id: field(fc.uuid()),
    action: field(fc.constantFrom('push', 'push', 'push', 'pull', 'delete', 'ping', 'constructor')),
    target,
    request: field(fc.record({ host: field(fc.constantFrom('127.0.0.1:5000', 'contoso.azurecr.io', 'registry', 'Index.Docker.IO', 'a.io/x', ' a.io', '[::1]:5000')) }, { requiredKeys: [] })),
  },
  { requiredKeys: ['action', 'target'] },
);
const gridEvent = fc.record(
  {
    id: field(fc.uuid()),
    eventType: field(fc.constantFrom('Microsoft.ContainerRegistry.ImagePushed', 'Microsoft.EventGrid.SubscriptionValidationEvent', 'Microsoft.ContainerRegistry.ImageDeleted')),
    type: field(fc.constantFrom('Microsoft.ContainerRegistry.ImagePushed', 'Microsoft.ContainerRegistry.ChartPushed')),
    specversion: field(fc.constant('1.0')),
    data: fc.oneof({ arbitrary: registryEvent, weight: 5 }, fc.record({ validationCode: anyValue }), anyValue),
  },
  { requiredKeys: ['id', 'data'] },
);
const hubPayload = fc.record(
  {
    push_data: field(fc.record({ tag: field(fc.constantFrom('latest', '1.0', 'UPPER', '')), pushed_at: field(fc.integer()) }, { requiredKeys: [] })),
    repository: field(fc.record({ repo_name: field(fc.constantFrom('contoso/app', 'ubuntu', 'Contoso/App', 'a/b/c', '')) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

/** Payloads close to each source's real format, so the properties reach past the first schema check. */
const NEAR_MISSES: Record<WebhookSourceName, fc.Arbitrary<unknown>> = {
  acr: registryEvent,
  eventgrid: fc.oneof(gridEvent, fc.array(gridEvent, { maxLength: 5 })),
  dockerhub: hubPayload,
  distribution: fc.record({ events: field(fc.array(fc.oneof({ arbitrary: registryEvent, weight: 4 }, { arbitrary: anyValue, weight: 1 }), { maxLength: 8 })) }),
};

const json = (value: fc.Arbitrary<unknown>) => value.map((v) => Buffer.from(JSON.stringify(v) ?? ''));
const jsonPost = (value: fc.Arbitrary<unknown>) => json(value).map((rawBody) => webhookRequest({ rawBody }));

describe.each(SOURCES)('%s: parse is total', (name, source) => {
  it('on arbitrary bytes and content types', () => {
    fc.assert(fc.property(request(fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes))), (r) => expectTotal(source, r)), { numRuns: 500 });
  });

  it('on arbitrary JSON values', () => {
    fc.assert(fc.property(request(json(fc.jsonValue())), (r) => expectTotal(source, r)), { numRuns: 500 });
  });

  it('on near misses of its own format', () => {
    fc.assert(fc.property(jsonPost(NEAR_MISSES[name]), (r) => expectTotal(source, r)), { numRuns: 1000 });
  });

  it.each([
    ['deeply nested arrays', Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)],
    ['a deeply nested event', Buffer.from(`{"events":[${'['.repeat(200_000)}${']'.repeat(200_000)}]}`)],
    ['a deeply nested entry', Buffer.from(`[${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]`)],
    ['a byte-order mark', Buffer.from('\uFEFF{"events":[]}')],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
  ])('on %s', (_case, rawBody) => {
    const r = webhookRequest({ rawBody });

    expectTotal(source, r);
  });
});

describe('WEBHOOK_SOURCES', () => {
  it('names every source by its key', () => {
    expect(Object.entries(WEBHOOK_SOURCES).map(([key, source]) => [key, source.name])).toEqual([
      ['acr', 'acr'],
      ['eventgrid', 'eventgrid'],
      ['dockerhub', 'dockerhub'],
      ['distribution', 'distribution'],
    ]);
  });
});
