import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyCascadeSignature } from '../../src/notify';
import { fixtureBody } from '../fixtures/webhooks/webhook-request';
import { eventually, startCascade, WEBHOOK_SECRET, type TestCascade } from '../support/cascade-server';

// A base-image update of a task with --update-trigger-endpoint: the endpoint gets a signed POST.
const SECRET = 'update-trigger-test-secret';
const received: Array<{ signature: string | undefined; body: string }> = [];
let receiver: Server;
let cascade: TestCascade;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ signature: req.headers['cascade-signature'] as string | undefined, body: Buffer.concat(chunks).toString() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  cascade = await startCascade({ CASCADE_UPDATE_TRIGGER_SECRET: SECRET });
});
afterAll(async () => {
  await cascade.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('update-trigger endpoint', () => {
  it('receives a notification signed over timestamp and body, shaped as documented (Default and Token payloads)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM contoso.azurecr.io/baseimages/node:20-alpine\n');
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await cascade.api('POST', '/api/tasks', { name: 'notified', images: ['contoso.azurecr.io/n:1'], context: dir, updateTriggerEndpoint: endpoint });
    const tokened = await cascade.api<{ updateTriggerToken: string }>('POST', '/api/tasks', { name: 'tokened', images: ['contoso.azurecr.io/t:1'], context: dir, updateTriggerEndpoint: endpoint, updateTriggerPayloadType: 'Token' });

    await fetch(`${cascade.url}/webhooks/acr`, { method: 'POST', body: fixtureBody('acr', 'push.json'), headers: { authorization: `Bearer ${WEBHOOK_SECRET}`, 'content-type': 'application/json' } });
    const deliveries = await eventually(async () => (received.length >= 2 ? received : undefined), 5000, 'both notifications');
    const delivery = deliveries.find((d) => d.body.includes('"task"'));
    const tokenDelivery = deliveries.find((d) => d.body.includes('"token"'));

    expect(JSON.parse(tokenDelivery?.body ?? '{}')).toEqual({ token: tokened.body.updateTriggerToken });
    expect(tokened.body.updateTriggerToken).toMatch(/^[\w-]{32}$/);
    expect(verifyCascadeSignature({ secret: SECRET, header: tokenDelivery?.signature, body: tokenDelivery?.body ?? '' })).toEqual({ ok: true });

    expect(verifyCascadeSignature({ secret: SECRET, header: delivery?.signature, body: delivery?.body ?? '' })).toEqual({ ok: true });
    expect(verifyCascadeSignature({ secret: 'another', header: delivery?.signature, body: delivery?.body ?? '' })).toMatchObject({ ok: false });
    const payload = JSON.parse(delivery?.body ?? '{}');
    expect(payload).toMatchObject({
      task: 'notified', runId: expect.stringMatching(/^cr\d+$/), trigger: { name: 'defaultBaseimageTriggerName', type: 'Runtime' },
      images: [{ registry: 'contoso.azurecr.io', repository: 'baseimages/node', tag: '20-alpine', previousDigest: null }], timestamp: expect.any(String),
    });
  });
});
