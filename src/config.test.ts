import { loadConfig } from './config';
import { isCascadeError } from './errors';

function failure(env: NodeJS.ProcessEnv): Error {
  try {
    loadConfig(env);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: './data', logLevel: 'info', registryTimeoutMs: 10_000 });
    expect(config.registries.map((r) => r.host)).toEqual(['docker.io', 'mcr.microsoft.com']);
  });

  it('reads every setting from the injected environment', () => {
    const config = loadConfig({ CASCADE_HOST: '0.0.0.0', CASCADE_PORT: '0', CASCADE_DATA_DIR: '/var/lib/cascade', CASCADE_LOG_LEVEL: 'warn', CASCADE_REGISTRY_TIMEOUT_MS: '500', CASCADE_REGISTRIES: '[{"host":"localhost:5000","insecure":true}]' });

    expect(config).toMatchObject({ host: '0.0.0.0', port: 0, dataDir: '/var/lib/cascade', logLevel: 'warn', registryTimeoutMs: 500 });
    expect(config.registries).toHaveLength(1);
  });

  it('names every bad key and never echoes a value', () => {
    const error = failure({ CASCADE_PORT: 'eighty', CASCADE_LOG_LEVEL: 'loud-secret', CASCADE_REGISTRY_TIMEOUT_MS: '-1' });

    expect(isCascadeError(error) && error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/CASCADE_PORT/);
    expect(error.message).toMatch(/CASCADE_LOG_LEVEL/);
    expect(error.message).toMatch(/CASCADE_REGISTRY_TIMEOUT_MS/);
    expect(error.message).not.toMatch(/eighty|loud-secret/);
  });

  it('polls every 5 minutes and reconciles hourly by default; 0 turns reconciliation off', () => {
    expect(loadConfig({}).poll).toEqual({ intervalMs: 300_000, reconcileIntervalMs: 3_600_000 });
    expect(loadConfig({ CASCADE_POLL_INTERVAL_MS: '1000', CASCADE_RECONCILE_INTERVAL_MS: '0' }).poll).toEqual({ intervalMs: 1000, reconcileIntervalMs: 0 });
    expect(failure({ CASCADE_POLL_INTERVAL_MS: '0' }).message).toMatch(/CASCADE_POLL_INTERVAL_MS/);
  });

  it('uses the local queue by default, and Service Bus with a connection string or a namespace', () => {
    expect(loadConfig({}).transport).toEqual({ kind: 'local' });
    expect(loadConfig({ CASCADE_TRANSPORT: 'servicebus', SERVICEBUS_CONNECTION_STRING: 'Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=b' }).transport).toEqual({
      kind: 'servicebus', connection: { connectionString: 'Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=b' }, entity: 'rebuilds', entityType: 'queue',
      defaultSubscription: 'default', sessions: false, retry: { timeoutInMs: 30_000, maxRetries: 3 },
    });
    expect(loadConfig({
      CASCADE_TRANSPORT: 'servicebus', SERVICEBUS_NAMESPACE: 'contoso.servicebus.windows.net', SERVICEBUS_ENTITY: 'builds', SERVICEBUS_ENTITY_TYPE: 'topic',
      SERVICEBUS_SUBSCRIPTION: 'general', SERVICEBUS_SESSIONS: 'true', SERVICEBUS_TIMEOUT_MS: '5000', SERVICEBUS_MAX_RETRIES: '0',
    }).transport).toEqual({
      kind: 'servicebus', connection: { namespace: 'contoso.servicebus.windows.net' }, entity: 'builds', entityType: 'topic',
      defaultSubscription: 'general', sessions: true, retry: { timeoutInMs: 5000, maxRetries: 0 },
    });
  });

  it('refuses Service Bus without a way to connect, and bad Service Bus settings, naming them', () => {
    expect(failure({ CASCADE_TRANSPORT: 'servicebus' }).message).toMatch(/SERVICEBUS_CONNECTION_STRING or SERVICEBUS_NAMESPACE/);
    const bad = failure({ CASCADE_TRANSPORT: 'bus', SERVICEBUS_ENTITY_TYPE: 'exchange', SERVICEBUS_SESSIONS: 'yes', SERVICEBUS_NAMESPACE: 'https://x/' });
    for (const key of ['CASCADE_TRANSPORT', 'SERVICEBUS_ENTITY_TYPE', 'SERVICEBUS_SESSIONS', 'SERVICEBUS_NAMESPACE']) expect(bad.message).toContain(key);
    expect(bad.message).not.toMatch(/exchange|yes|https/);
  });

  it('ignores variables it does not own', () => {
    expect(() => loadConfig({ PATH: '/bin', HOME: '/root' })).not.toThrow();
  });
});
