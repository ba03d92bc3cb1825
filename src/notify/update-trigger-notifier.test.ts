import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ImageUpdateTrigger } from '../core/run';
import { createLogger } from '../logger';
import { createUpdateTriggerNotifier, type UpdateTriggerNotifierDeps, type UpdateTriggerNotifyInput } from './update-trigger-notifier';
import { verifyCascadeSignature, type VerifyCascadeSignatureResult } from './verify-cascade-signature';

const SECRET = 'whsec-notifier-test';
const TOKEN = 'task-token-42';

interface Received { readonly headers: IncomingHttpHeaders; readonly body: Buffer; readonly verified: VerifyCascadeSignatureResult }
type Reply = { status: number; headers?: Record<string, string> } | 'hang';

/** A real receiver on 127.0.0.1 that checks every request as a user's receiver would. */
async function startReceiver(reply: (attempt: number) => Reply) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ headers: req.headers, body, verified: verifyCascadeSignature({ secret: SECRET, header: req.headers['cascade-signature'], body }) });
      const answer = reply(received.length);
      if (answer !== 'hang') res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: `http://127.0.0.1:${port}/hook?key=receiver-key`, received, close };
}

function capturedLogs() {
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => { lines.push(line); } });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

const imageUpdateTrigger: ImageUpdateTrigger = {
  id: 'acr:evt-1', timestamp: '2026-03-01T11:59:58.000Z',
  images: [{ registry: 'docker.io', repository: 'library/node', tag: '20', digest: 'sha256:new', previousDigest: 'sha256:old' }],
};

function input(endpoint: string | null, payload: UpdateTriggerNotifyInput['payload'] = { type: 'Default' }): UpdateTriggerNotifyInput {
  const baseImageTrigger = { name: 'defaultBaseimageTriggerName', enabled: true, type: 'Runtime' as const };
  return { task: { name: 'web', baseImageTrigger, updateTriggerEndpoint: endpoint }, run: { id: 'cr7', imageUpdateTrigger }, payload };
}

type Setup = Omit<UpdateTriggerNotifierDeps, 'secret' | 'logger'>;

describe('createUpdateTriggerNotifier', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => { await receiver?.close(); receiver = undefined; });

  function notifier(setup: Setup = {}) {
    const logs = capturedLogs();
    const created = createUpdateTriggerNotifier({ secret: SECRET, logger: logs.logger, baseDelayMs: 10, maxDelayMs: 100, ...setup });
    return { ...created, logs };
  }

  it('POSTs a signed Default payload with the documented headers', async () => {
    receiver = await startReceiver(() => ({ status: 204 }));
    const { notify, drain, logs } = notifier({ now: () => new Date() });

    notify(input(receiver.url));
    await drain();

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request?.verified).toEqual({ ok: true });
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Cascade-Update-Trigger/1' });
    expect(request?.headers['cascade-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(request!.body.toString('utf8'))).toEqual({
      task: 'web', runId: 'cr7', trigger: { name: 'defaultBaseimageTriggerName', type: 'Runtime' },
      images: imageUpdateTrigger.images, timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(logs.entries().at(-1)).toMatchObject({ msg: 'update-trigger notification delivered', attempt: 1, status: 204, endpoint: receiver.url.split('?')[0] });
  });

  it('sends only the token for a Token payload and logs neither the token nor the secret', async () => {
    receiver = await startReceiver(() => ({ status: 200 }));
    const { notify, drain, logs } = notifier();

    notify(input(receiver.url, { type: 'Token', token: TOKEN }));
    await drain();

    expect(receiver.received[0]?.body.toString('utf8')).toBe(JSON.stringify({ token: TOKEN }));
    expect(receiver.received[0]?.verified).toEqual({ ok: true });
    expect(logs.lines.join('')).not.toMatch(new RegExp(`${TOKEN}|${SECRET}|receiver-key`));
  });

  it('retries after 503 with the same Cascade-Delivery and body, and a fresh timestamp and signature', async () => {
    receiver = await startReceiver((attempt) => ({ status: attempt < 3 ? 503 : 200 }));
    let ticks = 0;
    const start = Date.now();
    const { notify, drain, logs } = notifier({ now: () => new Date(start + 1000 * ticks++) });

    notify(input(receiver.url));
    await drain();

    const requests = receiver.received;
    expect(requests.map((r) => r.verified)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(new Set(requests.map((r) => r.headers['cascade-delivery'])).size).toBe(1);
    expect(new Set(requests.map((r) => r.body.toString('hex'))).size).toBe(1);
    const times = requests.map((r) => Number(/t=(\d+)/.exec(String(r.headers['cascade-signature']))?.[1]));
    expect(times[0]).toBeLessThan(times[1]!);
    expect(times[1]).toBeLessThan(times[2]!);
    expect(logs.entries().map((e) => e.msg)).toEqual([
      'update-trigger notification failed; will retry', 'update-trigger notification failed; will retry', 'update-trigger notification delivered',
    ]);
  });

  it('waits as long as Retry-After asks', async () => {
    receiver = await startReceiver((attempt) => (attempt === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 200 }));
    const { notify, drain, logs } = notifier({ maxDelayMs: 5_000 });

    notify(input(receiver.url));
    await drain();

    const times = receiver.received.map((r) => Number(/t=(\d+)/.exec(String(r.headers['cascade-signature']))?.[1]));
    expect(times[1]).toBeGreaterThan(times[0]!);
    expect(logs.entries()[0]).toMatchObject({ status: 429, retryInMs: 1_000 });
    expect(logs.entries().at(-1)).toMatchObject({ msg: 'update-trigger notification delivered', attempt: 2 });
  });

  it('caps Retry-After at maxDelayMs', async () => {
    receiver = await startReceiver((attempt) => (attempt === 1 ? { status: 503, headers: { 'Retry-After': '3600' } } : { status: 200 }));
    const { notify, drain, logs } = notifier({ maxDelayMs: 50 });

    notify(input(receiver.url));
    await drain();

    expect(logs.entries()[0]).toMatchObject({ status: 503, retryInMs: 50 });
    expect(receiver.received).toHaveLength(2);
  });

  it('gives up after maxAttempts', async () => {
    receiver = await startReceiver(() => ({ status: 500 }));
    const { notify, drain, logs } = notifier({ maxAttempts: 3 });

    notify(input(receiver.url));
    await drain();

    expect(receiver.received).toHaveLength(3);
    expect(logs.entries().at(-1)).toMatchObject({ level: 50, msg: 'update-trigger notification failed; giving up', attempt: 3, status: 500 });
  });

  it('gives up at once on a 400', async () => {
    receiver = await startReceiver(() => ({ status: 400 }));
    const { notify, drain, logs } = notifier();

    notify(input(receiver.url));
    await drain();

    expect(receiver.received).toHaveLength(1);
    expect(logs.entries()).toEqual([expect.objectContaining({ level: 50, msg: 'update-trigger notification refused; not retried', status: 400 })]);
  });

  it('times out on a receiver that never answers, then retries', async () => {
    receiver = await startReceiver((attempt) => (attempt === 1 ? 'hang' : { status: 202 }));
    const { notify, drain, logs } = notifier({ timeoutMs: 100 });

    notify(input(receiver.url));
    await drain();

    expect(receiver.received).toHaveLength(2);
    expect(logs.entries().map((e) => e.reason ?? e.msg)).toEqual(['no answer within 100 ms', 'update-trigger notification delivered']);
  });

  it('drain waits for every delivery, pending retries included', async () => {
    receiver = await startReceiver((attempt) => ({ status: attempt <= 2 ? 503 : 200 }));
    const { notify, drain, logs } = notifier();

    notify(input(receiver.url));
    notify(input(receiver.url, { type: 'Token', token: TOKEN }));
    await drain();

    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((r) => r.headers['cascade-delivery'])).size).toBe(2);
    expect(logs.entries().filter((e) => e.msg === 'update-trigger notification delivered')).toHaveLength(2);
    await expect(drain()).resolves.toBeUndefined();
  });
});
