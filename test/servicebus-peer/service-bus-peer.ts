import { create_container, type Delivery, type EventContext, type Message } from 'rhea';
import { ConnectionContexts } from './connection-context';
import { DEFAULT_ENTITIES } from './entity-settings';
import { handleTransfer } from './incoming-message';
import { LinkRouter } from './link-router';
import { Listener } from './listener';
import type { MessageQueue } from './message-queue';
import { toView } from './message-view';
import { Namespace } from './namespace';
import type { PeerCounts, PeerMessageView, ServiceBusPeer, ServiceBusPeerOptions } from './peer-types';
import { SessionGate } from './session-gate';

/** A fixed, public test key: the peer is a test double, never a secret store. */
export const DEFAULT_PEER_KEY = 'c2VydmljZWJ1cy1wZWVyLXRlc3Qta2V5LW5vdC1hLXNlY3JldA==';
export const DEFAULT_PEER_KEY_NAME = 'RootManageSharedAccessKey';

/** rhea options for every accepted connection: the peer settles explicitly and tells abandon from defer. */
const CONNECTION_OPTIONS = { autoaccept: false, treat_modified_as_released: false, container_id: 'servicebus-peer' };

/** Starts a wire-level Service Bus test peer on 127.0.0.1 (see README.md for what it emulates). */
export async function startServiceBusPeer(options: ServiceBusPeerOptions = {}): Promise<ServiceBusPeer> {
  const host = options.host ?? '127.0.0.1';
  const key = { keyName: options.keyName ?? DEFAULT_PEER_KEY_NAME, key: options.key ?? DEFAULT_PEER_KEY };
  const now = (): number => Date.now();
  const pending = new Set<MessageQueue>();
  const namespace = new Namespace(options.entities ?? DEFAULT_ENTITIES, (queue) => schedulePump(queue));
  const contexts = new ConnectionContexts();
  const gate = new SessionGate(now);
  const router = new LinkRouter(namespace, contexts, gate, now);
  const container = create_container({ id: 'servicebus-peer' });

  function schedulePump(queue: MessageQueue): void {
    if (pending.size === 0) process.nextTick(flush);
    pending.add(queue);
  }
  function flush(): void {
    const queues = [...pending];
    pending.clear();
    for (const queue of queues) {
      gate.offer(queue);
      for (const consumer of router.consumers.values()) if (consumer.queue === queue) consumer.pump();
    }
  }

  container.on('receiver_open', (ctx: EventContext) => ctx.receiver && router.receiverOpened(ctx.receiver));
  container.on('sender_open', (ctx: EventContext) => ctx.sender && router.senderOpened(ctx.sender));
  container.on('sender_flow', (ctx: EventContext) => ctx.sender && router.consumers.get(ctx.sender)?.onFlow());
  container.on('sendable', (ctx: EventContext) => ctx.sender && router.consumers.get(ctx.sender)?.pump());
  for (const kind of ['accepted', 'modified', 'rejected', 'released'] as const) {
    container.on(kind, (ctx: EventContext) => {
      if (ctx.sender && ctx.delivery) router.consumers.get(ctx.sender)?.onOutcome(ctx.delivery, kind);
    });
  }
  container.on('message', (ctx: EventContext) => {
    const role = ctx.receiver && router.incoming.get(ctx.receiver);
    if (!role || !ctx.delivery) return;
    const transfer = { payload: ctx.message as Message | Buffer, format: (ctx as { format?: number }).format, delivery: ctx.delivery as Delivery };
    handleTransfer(role, transfer, contexts.of(ctx.connection), key, now());
  });
  container.on('sender_close', (ctx: EventContext) => {
    if (!ctx.sender) return;
    gate.forget(ctx.sender);
    router.closed(ctx.sender);
  });
  container.on('disconnected', (ctx: EventContext) => {
    gate.forgetConnection(ctx.connection);
    for (const sender of router.consumersOf(ctx.connection)) router.closed(sender);
  });
  for (const ignored of ['receiver_close', 'sender_error', 'receiver_error', 'connection_error', 'protocol_error', 'error']) {
    container.on(ignored, () => undefined);
  }

  const listener = new Listener(container, host, options.port ?? 0, CONNECTION_OPTIONS);
  await listener.start();
  const endpoint = `Endpoint=sb://${host}:${listener.port};SharedAccessKeyName=${key.keyName}`;
  const queueOf = (path: string): MessageQueue => {
    const queue = namespace.queue(path);
    if (!queue) throw new Error(`servicebus-peer: unknown entity '${path}'`);
    return queue;
  };

  return {
    port: listener.port,
    connectionString: `${endpoint};SharedAccessKey=${key.key};UseDevelopmentEmulator=true`,
    connectionStringWithKey: (other) => `${endpoint};SharedAccessKey=${other};UseDevelopmentEmulator=true`,
    stop: () => listener.stop(),
    start: () => listener.start(),
    counts: (path) => countsOf(queueOf(path), queueOf(`${path}/$DeadLetterQueue`)),
    messages: (path, which = 'active') => messagesOf(queueOf(path), which === 'deadletter' ? queueOf(`${path}/$DeadLetterQueue`) : undefined),
    stats: (name) => {
      const target = namespace.target(name);
      if (!target) throw new Error(`servicebus-peer: unknown queue or topic '${name}'`);
      return { ...target.stats };
    },
    close: async () => {
      await listener.stop();
      gate.close();
      for (const queue of namespace.allQueues()) queue.close();
    },
  };
}

function countsOf(queue: MessageQueue, deadLetter: MessageQueue): PeerCounts & { deferred: number } {
  const all = queue.snapshot();
  const count = (state: string): number => all.filter((m) => m.state === state).length;
  return {
    active: count('available') + count('locked'),
    locked: count('locked'),
    deadLettered: deadLetter.snapshot().length,
    scheduled: count('scheduled'),
    deferred: count('deferred'),
  };
}

function messagesOf(queue: MessageQueue, deadLetter: MessageQueue | undefined): PeerMessageView[] {
  if (deadLetter) return deadLetter.snapshot().map(toView);
  return queue.snapshot().filter((m) => m.state === 'available' || m.state === 'locked').map(toView);
}
