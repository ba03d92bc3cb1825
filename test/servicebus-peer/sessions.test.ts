import { lastAttemptError, startPeerAndClient, type PeerAndClient } from './client-fixture';

describe('sessions through the real ServiceBusClient', () => {
  let env: PeerAndClient;

  beforeEach(async () => {
    env = await startPeerAndClient({ entities: [{ name: 'tasks', type: 'queue', requiresSession: true, lockDurationMs: 2000 }] });
    await env.client.createSender('tasks').sendMessages([
      { body: 'a1', sessionId: 'task-a' },
      { body: 'b1', sessionId: 'task-b' },
      { body: 'a2', sessionId: 'task-a' },
    ]);
  });
  afterEach(() => env.close());

  it('accepts the next available session and receives only its messages, in order', async () => {
    const receiver = await env.client.acceptNextSession('tasks');

    const got = await receiver.receiveMessages(10, { maxWaitTimeInMs: 500 });
    for (const message of got) await receiver.completeMessage(message);

    expect(receiver.sessionId).toBe('task-a');
    expect(receiver.sessionLockedUntilUtc!.getTime()).toBeGreaterThan(Date.now());
    expect(got.map((m) => [m.sessionId, m.body])).toEqual([['task-a', 'a1'], ['task-a', 'a2']]);
    expect(env.peer.messages('tasks').map((m) => m.body)).toEqual(['b1']);
  });

  it('locks two sessions for two receivers at once', async () => {
    const first = await env.client.acceptNextSession('tasks');
    const second = await env.newClient().acceptNextSession('tasks');

    const [a, b] = await Promise.all([
      first.receiveMessages(10, { maxWaitTimeInMs: 500 }),
      second.receiveMessages(10, { maxWaitTimeInMs: 500 }),
    ]);

    expect([first.sessionId, second.sessionId]).toEqual(['task-a', 'task-b']);
    expect(a.map((m) => m.body)).toEqual(['a1', 'a2']);
    expect(b.map((m) => m.body)).toEqual(['b1']);
  });

  it('refuses a session already locked by another receiver with SessionCannotBeLocked', async () => {
    await env.client.acceptSession('tasks', 'task-a');

    const error = await env.newClient().acceptSession('tasks', 'task-a').catch((e: unknown) => e);

    expect(lastAttemptError(error)).toMatchObject({ code: 'SessionCannotBeLocked' });
  });

  it('frees the session when its receiver closes, returning unsettled messages', async () => {
    const receiver = await env.client.acceptSession('tasks', 'task-a');
    await receiver.receiveMessages(1, { maxWaitTimeInMs: 500 });

    await receiver.close();
    const again = await env.newClient().acceptSession('tasks', 'task-a');
    const got = await again.receiveMessages(10, { maxWaitTimeInMs: 500 });

    expect(got.map((m) => [m.body, m.deliveryCount])).toEqual([['a1', 1], ['a2', 0]]);
  });

  it('keeps session state and renews the session lock', async () => {
    const receiver = await env.client.acceptSession('tasks', 'task-b', { maxAutoLockRenewalDurationInMs: 0 });
    const before = receiver.sessionLockedUntilUtc!.getTime();

    await receiver.setSessionState({ step: 2 });
    const state: unknown = await receiver.getSessionState();
    await new Promise((r) => setTimeout(r, 50));
    await receiver.renewSessionLock();

    expect(state).toEqual({ step: 2 });
    expect(receiver.sessionLockedUntilUtc!.getTime()).toBeGreaterThan(before);
  });

  it('loses an unrenewed session lock: its messages return, settling fails with SessionLockLost', async () => {
    const short = await startPeerAndClient({ entities: [{ name: 'short', type: 'queue', requiresSession: true, lockDurationMs: 400 }] });
    try {
      await short.client.createSender('short').sendMessages({ body: 'x', sessionId: 's' });
      const receiver = await short.client.acceptSession('short', 's', { maxAutoLockRenewalDurationInMs: 0 });
      const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 });

      await new Promise((r) => setTimeout(r, 600));
      const error = await receiver.completeMessage(message!).catch((e: unknown) => e);

      expect(lastAttemptError(error)).toMatchObject({ code: 'SessionLockLost' });
      expect(short.peer.counts('short')).toMatchObject({ active: 1, locked: 0 });
      expect(short.peer.messages('short')[0]?.deliveryCount).toBe(1);
    } finally {
      await short.close();
    }
  });

  it('holds acceptNextSession until a session has a message', async () => {
    const receivers = [await env.client.acceptNextSession('tasks'), await env.client.acceptNextSession('tasks')];
    expect(receivers.map((r) => r.sessionId)).toEqual(['task-a', 'task-b']);

    const waiting = env.newClient().acceptNextSession('tasks');
    await new Promise((r) => setTimeout(r, 200));
    await env.client.createSender('tasks').sendMessages({ body: 'c1', sessionId: 'task-c' });
    const third = await waiting;

    expect(third.sessionId).toBe('task-c');
  });

  it('fails acceptNextSession after the timeout when no session has messages', async () => {
    const other = await startPeerAndClient({ entities: [{ name: 'empty', type: 'queue', requiresSession: true }] });
    try {
      const started = Date.now();
      const error = await other.client.acceptNextSession('empty').catch((e: unknown) => e);

      expect(lastAttemptError(error)).toMatchObject({ name: 'ServiceBusError' });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await other.close();
    }
  }, 30_000);

  it('refuses a message without a session id', async () => {
    const error = await env.client.createSender('tasks').sendMessages({ body: 'no session' }).catch((e: unknown) => e);

    expect(lastAttemptError(error)).toMatchObject({ name: 'ServiceBusError' });
    expect(env.peer.stats('tasks').received).toBe(3);
  });
});
