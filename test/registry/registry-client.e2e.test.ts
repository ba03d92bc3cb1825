import { createLogger } from '../../src/logger';
import { composeServices } from '../../src/main';
import { isCascadeError } from '../../src/errors';
import { requireImageRef } from '../../src/image-ref';
import type { RegistryClient } from '../../src/registry';
import { pushImage } from '../support/push-image';
import { pushIndex } from '../support/push-index';
import { startRegistry, type RunningRegistry } from '../support/registry';
import { startTokenServer, type TokenServer } from '../support/token-server';

// Cascade's registry client against Debian's docker-registry (distribution 2.8) on 127.0.0.1.
function clientFor(entries: object[]): RegistryClient {
  return composeServices({ CASCADE_REGISTRIES: JSON.stringify(entries) }, createLogger('silent')).registry;
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  return isCascadeError(error) ? error.code : `not a CascadeError: ${String(error)}`;
}

describe('registry client on an anonymous registry', () => {
  let registry: RunningRegistry;
  let client: RegistryClient;
  beforeAll(async () => {
    registry = await startRegistry();
    client = clientFor([{ host: registry.host, insecure: true }]);
  });
  afterAll(() => registry.stop());

  it.each(['oci', 'docker'] as const)('resolves the digest of a pushed %s image', async (format) => {
    const pushed = await pushImage(registry.url, `app-${format}`, '1', { marker: `m-${format}`, format });

    const resolved = await client.resolveDigest(requireImageRef(`${registry.host}/app-${format}:1`));

    expect(resolved).toEqual({ digest: pushed.digest, mediaType: pushed.mediaType });
  });

  it('follows a tag to its new digest', async () => {
    await pushImage(registry.url, 'moving', '1', { marker: 'first' });
    const second = await pushImage(registry.url, 'moving', '1', { marker: 'second' });

    expect((await client.resolveDigest(requireImageRef(`${registry.host}/moving:1`))).digest).toBe(second.digest);
  });

  it.each(['oci', 'docker'] as const)("finds each platform's child in a two-platform %s index", async (format) => {
    const index = await pushIndex(registry.url, `multi-${format}`, '1', {
      format, attestation: format === 'oci', platforms: [{ platform: 'linux/amd64', marker: 'a' }, { platform: 'linux/arm64', marker: 'b' }],
    });
    const ref = requireImageRef(`${registry.host}/multi-${format}:1`);

    const amd = await client.resolveDigest(ref, { platform: 'linux/amd64' });
    const arm = await client.resolveDigest(ref, { platform: 'linux/arm64' });

    expect(amd.digest).toBe(index.digest);
    expect(amd.platformDigest).toBe(index.children.find((c) => c.platform === 'linux/amd64')?.digest);
    expect(arm.platformDigest).toBe(index.children.find((c) => c.platform === 'linux/arm64')?.digest);
    expect(amd.platforms?.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(await errorCode(client.resolveDigest(ref, { platform: 'linux/s390x' }))).toBe('REGISTRY_PLATFORM_NOT_FOUND');
  });

  it('resolves a digest reference to itself', async () => {
    const pushed = await pushImage(registry.url, 'pinned', '1', { marker: 'pin' });

    expect((await client.resolveDigest(requireImageRef(`${registry.host}/pinned@${pushed.digest}`))).digest).toBe(pushed.digest);
  });

  it('tells an unknown repository from an unknown tag', async () => {
    await pushImage(registry.url, 'known', '1', { marker: 'k' });

    expect(await errorCode(client.resolveDigest(requireImageRef(`${registry.host}/never-pushed:1`)))).toBe('REGISTRY_REPOSITORY_NOT_FOUND');
    expect(await errorCode(client.resolveDigest(requireImageRef(`${registry.host}/known:2`)))).toBe('REGISTRY_MANIFEST_NOT_FOUND');
  });

  it('refuses a registry that is not configured', async () => {
    expect(await errorCode(client.resolveDigest(requireImageRef('127.0.0.2:5000/app:1')))).toBe('REGISTRY_NOT_ALLOWED');
  });
});

describe('registry client on a registry with token auth', () => {
  let tokens: TokenServer;
  let registry: RunningRegistry;
  beforeAll(async () => {
    tokens = await startTokenServer({ users: { ci: 's3cret' }, publicRepos: ['public/base'] });
    registry = await startRegistry({ tokenAuth: tokens });
    await pushImage(registry.url, 'private/app', '1', { marker: 'private', auth: { username: 'ci', password: 's3cret' } });
    await pushImage(registry.url, 'public/base', '1', { marker: 'public', auth: { username: 'ci', password: 's3cret' } });
  });
  afterAll(async () => {
    await registry.stop();
    await tokens.stop();
  });

  it('answers the bearer challenge and caches the token', async () => {
    const client = clientFor([{ host: registry.host, insecure: true, username: 'ci', password: 's3cret' }]);
    const before = tokens.tokenRequests;

    const results = await Promise.all(Array.from({ length: 10 }, () => client.resolveDigest(requireImageRef(`${registry.host}/private/app:1`))));

    expect(new Set(results.map((r) => r.digest)).size).toBe(1);
    expect(tokens.tokenRequests - before).toBe(1);
  });

  it('gets anonymous tokens for public repositories', async () => {
    const client = clientFor([{ host: registry.host, insecure: true }]);

    expect((await client.resolveDigest(requireImageRef(`${registry.host}/public/base:1`))).digest).toMatch(/^sha256:/);
    expect(await errorCode(client.resolveDigest(requireImageRef(`${registry.host}/private/app:1`)))).toBe('REGISTRY_AUTH_FAILED');
  });

  it('reports a wrong password as REGISTRY_AUTH_FAILED', async () => {
    const client = clientFor([{ host: registry.host, insecure: true, username: 'ci', password: 'wrong' }]);

    expect(await errorCode(client.resolveDigest(requireImageRef(`${registry.host}/private/app:1`)))).toBe('REGISTRY_AUTH_FAILED');
  });
});

describe('registry client on a registry with basic auth', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ htpasswd: { username: 'ci', password: 'pw' } });
    await pushImage(registry.url, 'app', '1', { marker: 'basic', auth: { username: 'ci', password: 'pw' } });
  });
  afterAll(() => registry.stop());

  it('sends the configured credentials', async () => {
    const client = clientFor([{ host: registry.host, insecure: true, username: 'ci', password: 'pw' }]);

    expect((await client.resolveDigest(requireImageRef(`${registry.host}/app:1`))).digest).toMatch(/^sha256:/);
  });

  it.each([[{ username: 'ci', password: 'nope' }], [{}]])('refuses %j', async (credentials) => {
    const client = clientFor([{ host: registry.host, insecure: true, ...credentials }]);

    expect(await errorCode(client.resolveDigest(requireImageRef(`${registry.host}/app:1`)))).toBe('REGISTRY_AUTH_FAILED');
  });
});

describe('registry client when the registry is down', () => {
  it('reports REGISTRY_UNREACHABLE, retryable', async () => {
    const registry = await startRegistry();
    const client = clientFor([{ host: registry.host, insecure: true }]);
    await registry.stop();

    const error = await client.resolveDigest(requireImageRef(`${registry.host}/app:1`)).catch((e: unknown) => e);

    expect(isCascadeError(error) && [error.code, error.retryable]).toEqual(['REGISTRY_UNREACHABLE', true]);
  });
});
