import type { ServiceBusSettings } from '../../src/config';

/** Adapter settings for a test peer: short SDK retries, so a failure fails in seconds, not minutes. */
export function peerSettings(connectionString: string, overrides: Partial<ServiceBusSettings> = {}): ServiceBusSettings {
  return {
    kind: 'servicebus',
    connection: { connectionString },
    entity: 'rebuilds',
    entityType: 'queue',
    defaultSubscription: 'default',
    sessions: false,
    retry: { timeoutInMs: 3000, maxRetries: 1 },
    ...overrides,
  };
}

/** The same as environment variables, for a Cascade server or agent process. */
export function peerEnv(connectionString: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CASCADE_TRANSPORT: 'servicebus',
    SERVICEBUS_CONNECTION_STRING: connectionString,
    SERVICEBUS_TIMEOUT_MS: '3000',
    SERVICEBUS_MAX_RETRIES: '1',
    ...extra,
  };
}
