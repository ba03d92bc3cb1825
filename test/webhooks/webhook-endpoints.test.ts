import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureBody } from '../fixtures/webhooks/webhook-request';
import { eventually, startCascade, WEBHOOK_SECRET, type TestCascade } from '../support/cascade-server';

// The real app in-process on 127.0.0.1 with real SQLite: every webhook endpoint over HTTP.
let cascade: TestCascade;
beforeAll(async () => {
  cascade = await startCascade({ CASCADE_WEBHOOK_SECRET_DOCKERHUB: 'disabled' });
  const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM contoso.azurecr.io/baseimages/node:20-alpine\n');
  const created = await cascade.api('POST', '/api/tasks', { name: 'acr-app', images: ['contoso.azurecr.io/app:1'], context: dir });
  expect(created.status).toBe(201);
});
afterAll(() => cascade.stop());

const bearer = { authorization: `Bearer ${WEBHOOK_SECRET}` };
const post = (path: string, body: Buffer | string, headers: Record<string, string> = {}) =>
  fetch(`${cascade.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
const runs = async () => (await cascade.api<Array<{ task: string; imageUpdateTrigger: { id: string } | null }>>('GET', '/api/runs')).body;

describe('webhook endpoints', () => {
  it('an ACR push queues a run for a task whose base digest could not be resolved at registration', async () => {
    const task = await cascade.api<{ warnings: string[]; step: { baseImageDependencies: Array<{ digest: string | null }> } }>('GET', '/api/tasks/acr-app');
    expect(task.body.step.baseImageDependencies[0]?.digest).toBeNull();
    expect(task.body.warnings[0]).toMatch(/REGISTRY_NOT_ALLOWED/);

    const response = await post('/webhooks/acr', fixtureBody('acr', 'push.json'), bearer);

    expect(response.status).toBe(202);
    await eventually(async () => ((await runs()).some((run) => run.task === 'acr-app') ? true : undefined), 2000, 'the ACR run');
  });

  it.each(['ping.json', 'delete.json', 'quarantine.json', 'chart-push.json'])('an ACR %s is recorded as ignored and answered 202', async (name) => {
    const response = await post('/webhooks/acr', fixtureBody('acr', name), bearer);

    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: 0, ignored: 1 });
  });

  it('answers the Event Grid subscription validation handshake', async () => {
    const response = await post('/webhooks/eventgrid?secret=' + WEBHOOK_SECRET, fixtureBody('eventgrid', 'subscription-validation.json'), { 'aeg-event-type': 'SubscriptionValidation' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ validationResponse: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' });
  });

  it('answers the CloudEvents abuse-protection handshake', async () => {
    const response = await fetch(`${cascade.url}/webhooks/eventgrid`, { method: 'OPTIONS', headers: { ...bearer, 'webhook-request-origin': 'eventgrid.azure.net' } });

    expect(response.status).toBe(200);
    expect(response.headers.get('webhook-allowed-origin')).toBe('eventgrid.azure.net');
  });

  it.each([
    ['eventgrid-image-pushed.json', 'application/json'],
    ['cloudevents-batch.json', 'application/cloudevents-batch+json'],
  ])('accepts Event Grid %s', async (name, contentType) => {
    const response = await post('/webhooks/eventgrid', fixtureBody('eventgrid', name), { ...bearer, 'content-type': contentType });

    expect(response.status).toBe(202);
    expect((await response.json() as { accepted: number }).accepted).toBeGreaterThan(0);
  });

  it.each([
    ['no secret', '/webhooks/distribution', {}, '{"events":[]}', 401, 'UNAUTHENTICATED'],
    ['a wrong secret', '/webhooks/acr', { authorization: 'Bearer nope' }, '{}', 401, 'UNAUTHENTICATED'],
    ['a wrong query secret', '/webhooks/eventgrid?secret=nope', {}, '[]', 401, 'UNAUTHENTICATED'],
    ['a disabled source', '/webhooks/dockerhub?secret=x', {}, '{}', 404, 'NOT_FOUND'],
    ['an unknown source', '/webhooks/quay', bearer, '{}', 404, 'NOT_FOUND'],
    ['broken JSON', '/webhooks/distribution', bearer, '{"events":', 400, 'INVALID_REQUEST'],
    ['a form body', '/webhooks/acr', { ...bearer, 'content-type': 'application/x-www-form-urlencoded' }, 'a=b', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a body over 1 MiB', '/webhooks/distribution', bearer, `{"events":[],"pad":"${'x'.repeat(1024 * 1024)}"}`, 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s', async (_name, path, headers, body, status, code) => {
    const response = await post(path, body, headers as Record<string, string>);

    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('never answers 5xx and stays up, whatever the body, content type or encoding', async () => {
    const paths = fc.constantFrom('/webhooks/acr', '/webhooks/eventgrid', '/webhooks/distribution', `/webhooks/eventgrid?secret=${WEBHOOK_SECRET}`);
    const contentTypes = fc.constantFrom('application/json', 'application/vnd.docker.distribution.events.v1+json', 'application/cloudevents-batch+json', 'text/plain', '', 'application/json; charset=latin1');
    const bodies = fc.oneof(fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)), fc.json().map((j) => Buffer.from(j)), fc.jsonValue().map((v) => Buffer.from(JSON.stringify({ events: [v] }))));
    const encodings = fc.constantFrom(undefined, 'gzip', 'br', 'identity', 'x-unknown');

    await fc.assert(fc.asyncProperty(paths, contentTypes, bodies, encodings, async (path, contentType, body, encoding) => {
      const headers: Record<string, string> = { ...bearer, ...(contentType ? { 'content-type': contentType } : {}), ...(encoding ? { 'content-encoding': encoding } : {}) };
      const response = await fetch(`${cascade.url}${path}`, { method: 'POST', body, headers });
      await response.arrayBuffer();

      expect(response.status).toBeLessThan(500);
    }), { numRuns: 300 });
    expect((await fetch(`${cascade.url}/healthz`)).status).toBe(200);
  });
});
