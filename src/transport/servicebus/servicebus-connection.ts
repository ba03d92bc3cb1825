import { ServiceBusAdministrationClient, ServiceBusClient } from '@azure/service-bus';
import type { TokenCredential } from '@azure/identity';
import type { ServiceBusSettings } from '../../config';

export interface ServiceBusConnectionOptions {
  /** DefaultAzureCredential in production; only called when the settings name a namespace. */
  readonly credential: () => TokenCredential;
}

/** One AMQP client from the settings: a connection string (SAS), or a namespace with Entra ID. */
export function createServiceBusClient(settings: ServiceBusSettings, options: ServiceBusConnectionOptions): ServiceBusClient {
  const clientOptions = { retryOptions: { maxRetries: settings.retry.maxRetries, retryDelayInMs: 500, maxRetryDelayInMs: 5000, timeoutInMs: settings.retry.timeoutInMs } };
  return 'connectionString' in settings.connection
    ? new ServiceBusClient(settings.connection.connectionString, clientOptions)
    : new ServiceBusClient(settings.connection.namespace, options.credential(), clientOptions);
}

/**
 * The HTTPS management client, for runtime counts only. It needs the Manage right (SAS) or a
 * role that may read the entity; without it, `cascade status` says so instead of counting.
 */
export function createServiceBusAdministrationClient(settings: ServiceBusSettings, options: ServiceBusConnectionOptions): ServiceBusAdministrationClient {
  const clientOptions = { retryOptions: { maxRetries: 1, retryDelayInMs: 500, maxRetryDelayInMs: 2000 } };
  return 'connectionString' in settings.connection
    ? new ServiceBusAdministrationClient(settings.connection.connectionString, clientOptions)
    : new ServiceBusAdministrationClient(settings.connection.namespace, options.credential(), clientOptions);
}

/** The subscription an agent of `pool` reads on a topic: the pool's own, or the default one. */
export function subscriptionFor(settings: ServiceBusSettings, pool: string | null): string {
  return pool ?? settings.defaultSubscription;
}
