import { startPeerAndClient, type PeerAndClient } from './client-fixture';

describe('stopping and restarting the peer', () => {
  let env: PeerAndClient;

  beforeEach(async () => {
    env = await startPeerAndClient();
  });
  afterEach(() => env.close());

  it('keeps messages and duplicate ids across stop/start, and the same client reconnects', async () => {
    const sender = env.client.createSender('rebuilds');
    await sender.sendMessages({ body: 'before', messageId: 'k1' });

    await env.peer.stop();
    const whileDown = await sender.sendMessages({ body: 'down', messageId: 'k2' }).catch((e: unknown) => e);
    await env.peer.start();
    await sendEventually(() => sender.sendMessages([{ body: 'after', messageId: 'k3' }, { body: 'resend', messageId: 'k1' }]));
    const receiver = env.client.createReceiver('rebuilds', { receiveMode: 'receiveAndDelete' });
    const got = await receiver.receiveMessages(10, { maxWaitTimeInMs: 1000 });

    expect(whileDown).toBeInstanceOf(Error);
    expect(got.map((m) => m.body)).toEqual(['before', 'after']);
    expect(env.peer.stats('rebuilds').duplicatesDropped).toBe(1);
  });

  it('listens on the same port again', async () => {
    const port = env.peer.port;

    await env.peer.stop();
    await env.peer.start();

    expect(env.peer.port).toBe(port);
  });
});

/** The SDK notices a dropped connection on its next operation; the caller's own retry covers the gap. */
async function sendEventually(send: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
