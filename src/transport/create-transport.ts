import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import type { LocalQueueStore } from '../store/local-queue-store';
import { createHttpConsumer } from './local/create-http-consumer';
import { createLocalAdmin } from './local/create-local-admin';
import { createLocalTransport } from './local/create-local-transport';
import {
  createServiceBusAdmin,
  createServiceBusAdministrationClient,
  createServiceBusClient,
  createServiceBusConsumer,
  createServiceBusPublisher,
} from './servicebus';
import type { Consumer, Publisher, TransportAdmin } from './transport';

/** The server's side of the configured transport (DESIGN.md §5). */
export interface ServerTransport {
  readonly publisher: Publisher;
  /** The embedded queue as agents in other processes reach it through `/api/agent`; null for Service Bus. */
  readonly agentConsumer: Consumer | null;
  /** The embedded queue itself (status shows its locked and completed counts); null for Service Bus. */
  readonly localQueue: LocalQueueStore | null;
  readonly admin: TransportAdmin;
  close(): Promise<void>;
}

export interface ServerTransportDeps {
  readonly queue: LocalQueueStore;
  readonly credential: () => TokenCredential;
  /** Topic mode: the agent pools tasks name, one subscription each. */
  readonly agentPools: () => Promise<string[]>;
}

export function createServerTransport(config: Config, deps: ServerTransportDeps): ServerTransport {
  const settings = config.transport;
  if (settings.kind === 'local') {
    const local = createLocalTransport({ queue: deps.queue, lockMs: config.queue.lockMs, maxDeliveries: config.queue.maxDeliveries });
    return { publisher: local, agentConsumer: local, localQueue: deps.queue, admin: createLocalAdmin(deps.queue), close: () => local.close() };
  }
  const client = createServiceBusClient(settings, { credential: deps.credential });
  const publisher = createServiceBusPublisher(client, { entity: settings.entity, sessions: settings.sessions, defaultPool: settings.defaultSubscription });
  const administration = createServiceBusAdministrationClient(settings, { credential: deps.credential });
  const admin = createServiceBusAdmin({ client, administration, settings, subscriptions: deps.agentPools });
  return {
    publisher,
    agentConsumer: null,
    localQueue: null,
    admin,
    async close() {
      await publisher.close();
      await client.close();
    },
  };
}

/**
 * Where `cascade agent` receives: the server's `/api/agent` for the embedded queue, Service Bus
 * directly otherwise (the agent needs the same SERVICEBUS_* settings, with receive rights).
 */
export function createAgentConsumer(config: Config, options: { server: string; token: string; credential: () => TokenCredential }): Consumer {
  const settings = config.transport;
  if (settings.kind === 'local') return createHttpConsumer({ server: options.server, token: options.token });
  const client = createServiceBusClient(settings, { credential: options.credential });
  const consumer = createServiceBusConsumer(client, settings);
  return {
    ...consumer,
    async close() {
      await consumer.close();
      await client.close();
    },
  };
}
