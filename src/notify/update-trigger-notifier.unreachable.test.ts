import { createServer, type AddressInfo } from 'node:net';
import { createLogger } from '../logger';
import { createUpdateTriggerNotifier, type UpdateTriggerNotifierDeps, type UpdateTriggerNotifyInput } from './update-trigger-notifier';

/** A 127.0.0.1 port that was just free: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function input(endpoint: string | null): UpdateTriggerNotifyInput {
  const baseImageTrigger = { name: 'defaultBaseimageTriggerName', enabled: true, type: 'Runtime' as const };
  return { task: { name: 'web', baseImageTrigger, updateTriggerEndpoint: endpoint }, run: { id: 'cr7', imageUpdateTrigger: null }, payload: { type: 'Default' } };
}

function notifier(setup: Omit<UpdateTriggerNotifierDeps, 'secret' | 'logger'> = {}) {
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => { lines.push(line); } });
  const created = createUpdateTriggerNotifier({ secret: 'whsec-unreachable-test', logger, baseDelayMs: 10, maxDelayMs: 100, ...setup });
  return { ...created, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createUpdateTriggerNotifier, when the endpoint cannot be reached', () => {
  it('retries when nothing listens, then gives up', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/hook`;
    const { notify, drain, logs } = notifier({ maxAttempts: 2 });

    notify(input(url));
    await drain();

    expect(logs().map((e) => [e.msg, e.reason])).toEqual([
      ['update-trigger notification failed; will retry', 'network error: ECONNREFUSED'],
      ['update-trigger notification failed; giving up', 'network error: ECONNREFUSED'],
    ]);
  });

  it.each([
    ['not a url', 'invalid URL'],
    ['ftp://127.0.0.1/hook', 'not http(s)'],
    ['http://user:pw@127.0.0.1/hook', 'credentials in URL'],
  ])('never throws for the endpoint %j, and logs why nothing was sent', async (endpoint, reason) => {
    const { notify, drain, logs } = notifier();

    notify(input(endpoint));
    await drain();

    expect(logs()).toEqual([expect.objectContaining({ level: 50, reason, msg: 'update-trigger notification not sent' })]);
  });

  it('never throws, even when fetch itself throws', async () => {
    const { notify, drain, logs } = notifier({ maxAttempts: 1, fetch: () => { throw new Error('boom'); } });

    notify(input('http://127.0.0.1:9/hook'));
    await drain();

    expect(logs()).toEqual([expect.objectContaining({ msg: 'update-trigger notification failed; giving up', reason: 'network error: boom' })]);
  });

  it('sends nothing for a task without an endpoint', async () => {
    const fetch = jest.fn<ReturnType<typeof globalThis.fetch>, Parameters<typeof globalThis.fetch>>();
    const { notify, drain } = notifier({ fetch });

    notify(input(null));
    await drain();

    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([['secret'], ['maxAttempts']])('refuses to start with an invalid %s', (what) => {
    const deps = what === 'secret' ? { secret: '' } : { secret: 's', maxAttempts: 0 };

    const create = () => createUpdateTriggerNotifier({ ...deps, logger: createLogger('silent') });

    expect(create).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
