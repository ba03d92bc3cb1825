import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createLogger } from '../logger';
import { createApp, type Readiness } from './create-app';

let server: Server;
let base: string;
let notReady: string[] = [];
const readiness: Readiness = { notReady: async () => notReady };

beforeAll(async () => {
  server = createApp({ logger: createLogger('silent'), readiness }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the HTTP app', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
  });

  it('answers /readyz with 200 when ready and 503 naming what is pending', async () => {
    notReady = [];
    const ready = await fetch(`${base}/readyz`);
    notReady = ['store'];
    const pending = await fetch(`${base}/readyz`);

    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', pending: [] }]);
    expect([pending.status, await pending.json()]).toEqual([503, { status: 'not-ready', pending: ['store'] }]);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await fetch(`${base}/nope`, { method: 'POST' });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route for POST /nope' } });
  });

  it('keeps a sane caller request id and replaces a hostile one', async () => {
    const kept = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    const replaced = await fetch(`${base}/healthz`, { headers: { 'x-request-id': `a b;${'x'.repeat(300)}` } });

    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
