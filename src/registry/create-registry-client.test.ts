import { isCascadeError } from '../errors';
import { requireImageRef } from '../image-ref';
import { createRegistryClient } from './create-registry-client';
import { parseRegistriesSetting } from './registry-settings';

describe('createRegistryClient', () => {
  it('refuses a registry that is not configured, without any request', async () => {
    const fetchSpy = jest.fn<Promise<Response>, Parameters<typeof fetch>>();
    const client = createRegistryClient({
      registries: parseRegistriesSetting('[{"host":"docker.io"}]'),
      timeoutMs: 1000,
      azureCredential: () => { throw new Error('not used'); },
      fetch: fetchSpy,
    });

    const error = await client.resolveDigest(requireImageRef('169.254.169.254/latest:meta-data')).catch((e: unknown) => e);

    expect(isCascadeError(error) && error.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
