import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCascadeError } from '../../errors';
import { requireImageRef } from '../../image-ref';
import { MANIFEST_ACCEPT, OCI_INDEX, OCI_MANIFEST } from '../media-types';
import { parseRegistriesSetting } from '../registry-settings';
import { createOciRegistryClient } from './create-oci-registry-client';

// A scripted HTTP server on 127.0.0.1 plays the registry: real sockets, real fetch, no mocks.
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let server: Server;
let host: string;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
});

const D = `sha256:${'1'.repeat(64)}`;
const sha = (body: string) => `sha256:${createHash('sha256').update(body).digest('hex')}`;

function client(extra: Record<string, unknown> = {}, timeoutMs = 2000) {
  const [settings] = parseRegistriesSetting(JSON.stringify([{ host, insecure: true, ...extra }]));
  return createOciRegistryClient({ settings: settings!, timeoutMs });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isCascadeError(error)) throw new Error(`expected a CascadeError, got ${String(error)}`);
  return error;
}

describe('createOciRegistryClient', () => {
  it('HEADs the manifest with every manifest type in Accept', async () => {
    handler = (_req, res) => res.writeHead(200, { 'docker-content-digest': D, 'content-type': OCI_MANIFEST }).end();

    const resolved = await client().resolveDigest(requireImageRef(`${host}/app:1`));

    expect(resolved).toEqual({ digest: D, mediaType: OCI_MANIFEST });
    expect(seen[0]?.method).toBe('HEAD');
    expect(seen[0]?.url).toBe('/v2/app/manifests/1');
    expect(seen[0]?.headers.accept).toBe(MANIFEST_ACCEPT);
  });

  it('computes the digest from the body when the registry omits the header', async () => {
    const body = '{"schemaVersion":2}';
    handler = (req, res) => res.writeHead(200, { 'content-type': OCI_MANIFEST }).end(req.method === 'GET' ? body : undefined);

    const resolved = await client().resolveDigest(requireImageRef(`${host}/app:1`));

    expect(resolved.digest).toBe(sha(body));
  });

  it('answers a bearer challenge once and reuses the token', async () => {
    let tokens = 0;
    handler = (req, res) => {
      if (req.url?.startsWith('/token')) {
        tokens += 1;
        expect(req.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
        expect(req.url).toContain('scope=repository%3Ateam%2Fapp%3Apull');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'T', expires_in: 300 }));
      } else if (req.headers.authorization === 'Bearer T') {
        res.writeHead(200, { 'docker-content-digest': D, 'content-type': OCI_MANIFEST }).end();
      } else {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="test"` }).end();
      }
    };
    const registry = client({ username: 'u', password: 'p' });

    const results = await Promise.all(Array.from({ length: 16 }, () => registry.resolveDigest(requireImageRef(`${host}/team/app:1`))));
    await registry.resolveDigest(requireImageRef(`${host}/team/app:1`));

    expect(results.every((r) => r.digest === D)).toBe(true);
    expect(tokens).toBe(1);
  });

  it('reports refused token-service credentials as REGISTRY_AUTH_FAILED', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/token')) res.writeHead(401).end();
      else res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token"` }).end();
    };

    expect((await failure(client({ username: 'u', password: 'bad' }).resolveDigest(requireImageRef(`${host}/app:1`)))).code).toBe('REGISTRY_AUTH_FAILED');
  });

  it('refuses a plain-http token realm for a registry that is not insecure', async () => {
    handler = (_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer realm="http://127.0.0.1:1/token"' }).end();
    const [settings] = parseRegistriesSetting(JSON.stringify([{ host, endpoint: `http://${host}` }]));

    const error = await failure(createOciRegistryClient({ settings: settings!, timeoutMs: 2000 }).resolveDigest(requireImageRef(`${host}/app:1`)));

    expect(error.code).toBe('REGISTRY_PROTOCOL_ERROR');
  });

  it('uses Basic when challenged for it, and fails clearly without credentials', async () => {
    handler = (req, res) => {
      if (req.headers.authorization === `Basic ${Buffer.from('u:p').toString('base64')}`) res.writeHead(200, { 'docker-content-digest': D, 'content-type': OCI_MANIFEST }).end();
      else res.writeHead(401, { 'www-authenticate': 'Basic realm="Registry"' }).end();
    };

    expect((await client({ username: 'u', password: 'p' }).resolveDigest(requireImageRef(`${host}/app:1`))).digest).toBe(D);
    expect((await failure(client().resolveDigest(requireImageRef(`${host}/app:1`)))).code).toBe('REGISTRY_AUTH_FAILED');
  });

  it.each([
    ['NAME_UNKNOWN', 'REGISTRY_REPOSITORY_NOT_FOUND'],
    ['MANIFEST_UNKNOWN', 'REGISTRY_MANIFEST_NOT_FOUND'],
  ])('maps a 404 with %s to %s', async (registryCode, code) => {
    handler = (req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end(req.method === 'GET' ? JSON.stringify({ errors: [{ code: registryCode }] }) : undefined);

    expect((await failure(client().resolveDigest(requireImageRef(`${host}/app:1`)))).code).toBe(code);
  });

  it('asks the tags list whether a repository exists when the registry only says MANIFEST_UNKNOWN', async () => {
    handler = (req, res) => {
      const code = req.url?.includes('/tags/list') ? 'NAME_UNKNOWN' : 'MANIFEST_UNKNOWN';
      res.writeHead(404, { 'content-type': 'application/json' }).end(req.method === 'GET' ? JSON.stringify({ errors: [{ code }] }) : undefined);
    };

    expect((await failure(client().resolveDigest(requireImageRef(`${host}/app:1`)))).code).toBe('REGISTRY_REPOSITORY_NOT_FOUND');
    expect(seen.map((req) => `${req.method} ${req.url}`)).toEqual(['HEAD /v2/app/manifests/1', 'GET /v2/app/manifests/1', 'GET /v2/app/tags/list?n=1']);
  });

  it('never GETs when asked for HEAD only (the poller): a 404 is a missing manifest, a HEAD without a digest a protocol error', async () => {
    handler = (_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end();
    const missing = await failure(client().resolveDigest(requireImageRef(`${host}/app:1`), { headOnly: true }));
    handler = (_req, res) => res.writeHead(200, { 'content-type': OCI_MANIFEST }).end();
    const undigested = await failure(client().resolveDigest(requireImageRef(`${host}/app:1`), { headOnly: true }));

    expect([missing.code, undigested.code]).toEqual(['REGISTRY_MANIFEST_NOT_FOUND', 'REGISTRY_PROTOCOL_ERROR']);
    expect(seen.map((req) => req.method)).toEqual(['HEAD', 'HEAD']);
  });

  it('surfaces 429 with Retry-After and RateLimit headers, retryable', async () => {
    handler = (_req, res) => res.writeHead(429, { 'retry-after': '7', 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '0;w=21600' }).end();

    const error = await failure(client().resolveDigest(requireImageRef(`${host}/app:1`)));

    expect(error.code).toBe('REGISTRY_RATE_LIMITED');
    expect(error.retryable).toBe(true);
    expect(error.details).toEqual({ rateLimit: { limit: 100, remaining: 0, windowSeconds: 21600, retryAfterSeconds: 7 } });
  });

  it('surfaces rate-limit headers on success', async () => {
    handler = (_req, res) => res.writeHead(200, { 'docker-content-digest': D, 'content-type': OCI_MANIFEST, 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '99;w=21600' }).end();

    expect((await client().resolveDigest(requireImageRef(`${host}/app:1`))).rateLimit).toEqual({ limit: 100, remaining: 99, windowSeconds: 21600, retryAfterSeconds: null });
  });

  it('maps 5xx to a retryable REGISTRY_UNREACHABLE', async () => {
    handler = (_req, res) => res.writeHead(503).end();

    const error = await failure(client().resolveDigest(requireImageRef(`${host}/app:1`)));

    expect([error.code, error.retryable]).toEqual(['REGISTRY_UNREACHABLE', true]);
  });

  it('maps a registry that does not answer in time to REGISTRY_TIMEOUT', async () => {
    handler = () => undefined;

    const error = await failure(client({}, 200).resolveDigest(requireImageRef(`${host}/app:1`)));

    expect([error.code, error.retryable]).toEqual(['REGISTRY_TIMEOUT', true]);
  });

  it('maps a refused connection to REGISTRY_UNREACHABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedHost = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const [settings] = parseRegistriesSetting(JSON.stringify([{ host: closedHost, insecure: true }]));

    const error = await failure(createOciRegistryClient({ settings: settings!, timeoutMs: 2000 }).resolveDigest(requireImageRef(`${closedHost}/app:1`)));

    expect(error.code).toBe('REGISTRY_UNREACHABLE');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  describe('an index, asked for a platform', () => {
    const amd = `sha256:${'a'.repeat(64)}`;
    const arm = `sha256:${'b'.repeat(64)}`;
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        { mediaType: OCI_MANIFEST, digest: amd, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: OCI_MANIFEST, digest: arm, size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        { mediaType: OCI_MANIFEST, digest: D, size: 1, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
      ],
    });
    beforeEach(() => {
      handler = (req, res) => res.writeHead(200, { 'docker-content-digest': sha(index), 'content-type': OCI_INDEX }).end(req.method === 'GET' ? index : undefined);
    });

    it('returns the child digest of that platform and the real platforms', async () => {
      const resolved = await client().resolveDigest(requireImageRef(`${host}/base:1`), { platform: 'linux/arm64' });

      expect(resolved.digest).toBe(sha(index));
      expect(resolved.platformDigest).toBe(arm);
      expect(resolved.platforms?.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
    });

    it('fails with REGISTRY_PLATFORM_NOT_FOUND for a platform it lacks', async () => {
      const error = await failure(client().resolveDigest(requireImageRef(`${host}/base:1`), { platform: 'linux/s390x' }));

      expect(error.code).toBe('REGISTRY_PLATFORM_NOT_FOUND');
      expect(error.message).toContain('linux/amd64, linux/arm64/v8');
    });
  });
});
