import { lastAttemptError, startPeerAndClient, type PeerAndClient } from './client-fixture';

describe('errors the client reports against the peer', () => {
  let env: PeerAndClient;

  beforeEach(async () => {
    env = await startPeerAndClient();
  });
  afterEach(() => env.close());

  it('a wrong key: put-token answers 401, the client raises UnauthorizedAccess (retried: an AggregateError)', async () => {
    const client = env.newClient(env.peer.connectionStringWithKey('not-the-key'));

    const error = await client.createSender('rebuilds').sendMessages({ body: 'x' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AggregateError);
    expect(lastAttemptError(error)).toMatchObject({ name: 'ServiceBusError', code: 'UnauthorizedAccess', retryable: true });
    expect(env.peer.stats('rebuilds').received).toBe(0);
  });

  it('an unknown entity: the link detaches with amqp:not-found, the client raises MessagingEntityNotFound', async () => {
    const sent = await env.client.createSender('nope').sendMessages({ body: 'x' }).catch((e: unknown) => e);
    const received = await env.client.createReceiver('nope').receiveMessages(1, { maxWaitTimeInMs: 500 }).catch((e: unknown) => e);

    expect(sent).toMatchObject({ code: 'MessagingEntityNotFound' });
    expect(received).toMatchObject({ code: 'MessagingEntityNotFound' });
  });

  it('finds entity paths case-insensitively, dead-letter sub-queue included', async () => {
    await env.client.createSender('REBUILDS').sendMessages({ body: 'x' });

    const dlq = env.client.createReceiver('Rebuilds/$deadletterqueue');
    const got = await dlq.receiveMessages(1, { maxWaitTimeInMs: 300 });

    expect(got).toEqual([]);
    expect(env.peer.counts('rebuilds').active).toBe(1);
  });

  it('a single message over the size limit: the client refuses it before sending', async () => {
    const error = await env.client.createSender('rebuilds').sendMessages({ body: 'x'.repeat(300_000) }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'MessageSizeExceeded' });
    expect(env.peer.stats('rebuilds').received).toBe(0);
  });

  it('a queue without sessions refuses a session receiver', async () => {
    const error = await env.client.acceptNextSession('rebuilds', { maxAutoLockRenewalDurationInMs: 0 }).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'ServiceBusError' });
  });
});
