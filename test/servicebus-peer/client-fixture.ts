import { ServiceBusClient } from '@azure/service-bus';
import { startServiceBusPeer } from './service-bus-peer';
import type { ServiceBusPeer, ServiceBusPeerOptions } from './peer-types';

/**
 * The SDK's defaults (3 retries 30 s apart, 60 s operation timeout) would hang a failing test for
 * minutes; these make a failure fail within seconds.
 */
export const FAST_RETRIES = { maxRetries: 1, retryDelayInMs: 100, timeoutInMs: 5000 };

export interface PeerAndClient {
  peer: ServiceBusPeer;
  client: ServiceBusClient;
  /** Closes every client made here, then the peer. */
  close(): Promise<void>;
  /** Another client (its own connection), closed with the rest. */
  newClient(connectionString?: string): ServiceBusClient;
}

export async function startPeerAndClient(options?: ServiceBusPeerOptions): Promise<PeerAndClient> {
  const peer = await startServiceBusPeer(options);
  const clients: ServiceBusClient[] = [];
  const newClient = (connectionString = peer.connectionString): ServiceBusClient => {
    const client = new ServiceBusClient(connectionString, { retryOptions: FAST_RETRIES });
    clients.push(client);
    return client;
  };
  const client = newClient();
  return {
    peer,
    client,
    newClient,
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await peer.close();
    },
  };
}

/**
 * core-amqp's retry throws an `AggregateError` of every attempt's error when more than one attempt
 * failed (any retryable error with `maxRetries` ≥ 1); a single failure is thrown as is.
 */
export function lastAttemptError(error: unknown): unknown {
  if (error instanceof AggregateError) return error.errors[error.errors.length - 1];
  return error;
}
