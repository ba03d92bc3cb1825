import type { TokenCredential } from '@azure/identity';
import type { ServiceBusSettings } from '../../config';
import { createServiceBusAdministrationClient, createServiceBusClient, subscriptionFor } from './servicebus-connection';

const settings = (connection: ServiceBusSettings['connection']): ServiceBusSettings => ({
  kind: 'servicebus', connection, entity: 'rebuilds', entityType: 'topic', defaultSubscription: 'default', sessions: false, retry: { timeoutInMs: 1000, maxRetries: 0 },
});
const credential: TokenCredential = { getToken: async () => null };

describe('Service Bus connections', () => {
  it('uses the connection string and never asks for a credential', async () => {
    const ask = jest.fn(() => credential);

    const client = createServiceBusClient(settings({ connectionString: 'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=b' }), { credential: ask });

    expect(client.fullyQualifiedNamespace).toBe('contoso.servicebus.windows.net');
    expect(ask).not.toHaveBeenCalled();
    await client.close();
  });

  it('reaches a namespace with the credential (DefaultAzureCredential in production), for both clients', async () => {
    const ask = jest.fn(() => credential);

    const client = createServiceBusClient(settings({ namespace: 'contoso.servicebus.windows.net' }), { credential: ask });
    createServiceBusAdministrationClient(settings({ namespace: 'contoso.servicebus.windows.net' }), { credential: ask });

    expect(client.fullyQualifiedNamespace).toBe('contoso.servicebus.windows.net');
    expect(ask).toHaveBeenCalledTimes(2);
    await client.close();
  });

  it("reads a pool's own subscription, and the default one without a pool", () => {
    expect(subscriptionFor(settings({ namespace: 'x' }), 'gpu')).toBe('gpu');
    expect(subscriptionFor(settings({ namespace: 'x' }), null)).toBe('default');
  });
});
