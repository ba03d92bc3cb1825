import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCascadeError } from '../../errors';
import { requireImageRef } from '../../image-ref';
import { DOCKER_MANIFEST, MANIFEST_ACCEPT, OCI_INDEX, OCI_MANIFEST } from '../media-types';
import { parseRegistriesSetting } from '../registry-settings';
import { createOciRegistryClient } from './create-oci-registry-client';

// `inspectManifest` of the OCI adapter against a scripted registry on 127.0.0.1: real sockets, real fetch.
let server: Server;
let host: string;
let manifests: Map<string, { body: string; mediaType: string; digestHeader?: string | null }>;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url} ${req.headers.accept === MANIFEST_ACCEPT ? 'accept-all' : 'accept-other'}`);
    const entry = manifests.get(req.url ?? '');
    if (!entry) return res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN' }] }));
    const header = entry.digestHeader === undefined ? sha(entry.body) : entry.digestHeader;
    res.writeHead(200, { 'content-type': entry.mediaType, ...(header === null ? {} : { 'docker-content-digest': header }) }).end(entry.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
  manifests = new Map();
});

const sha = (body: string) => `sha256:${createHash('sha256').update(body).digest('hex')}`;
const BASE = `sha256:${'b'.repeat(64)}`;
const annotations = { 'org.opencontainers.image.base.name': '127.0.0.1:5000/base:1', 'org.opencontainers.image.base.digest': BASE };
const image = (extra: object = {}) => JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: BASE, size: 1 }, layers: [], ...extra });

function client() {
  const [settings] = parseRegistriesSetting(JSON.stringify([{ host, insecure: true }]));
  return createOciRegistryClient({ settings: settings!, timeoutMs: 2000 });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isCascadeError(error)) throw new Error(`expected a CascadeError, got ${String(error)}`);
  return error;
}

describe('inspectManifest', () => {
  it('GETs a tagged manifest and returns its digest, media type and annotations', async () => {
    const body = image({ annotations });
    manifests.set('/v2/app/manifests/1', { body, mediaType: OCI_MANIFEST });

    const inspected = await client().inspectManifest(requireImageRef(`${host}/app:1`));

    expect(inspected).toEqual({ digest: sha(body), mediaType: OCI_MANIFEST, annotations });
    expect(seen).toEqual(['GET /v2/app/manifests/1 accept-all']);
  });

  it('returns no annotations for a Docker schema 2 manifest', async () => {
    const body = JSON.stringify({ schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: {}, layers: [] });
    manifests.set('/v2/app/manifests/1', { body, mediaType: DOCKER_MANIFEST });

    expect(await client().inspectManifest(requireImageRef(`${host}/app:1`))).toEqual({ digest: sha(body), mediaType: DOCKER_MANIFEST, annotations: {} });
  });

  it('drops annotation values that are not strings', async () => {
    manifests.set('/v2/app/manifests/1', { body: image({ annotations: { a: 'x', b: 1 } }), mediaType: OCI_MANIFEST });

    expect((await client().inspectManifest(requireImageRef(`${host}/app:1`))).annotations).toEqual({ a: 'x' });
  });

  it('computes the digest when the registry sends no Docker-Content-Digest', async () => {
    const body = image({ annotations });
    manifests.set('/v2/app/manifests/1', { body, mediaType: OCI_MANIFEST, digestHeader: null });

    expect((await client().inspectManifest(requireImageRef(`${host}/app:1`))).digest).toBe(sha(body));
  });

  it.each([
    ['a Docker-Content-Digest', '1', ':1'],
    ['the digest of the reference', sha('other'), `@${sha('other')}`],
  ])('refuses bytes that do not match %s', async (_what, reference, suffix) => {
    manifests.set(`/v2/app/manifests/${reference}`, { body: image(), mediaType: OCI_MANIFEST, digestHeader: reference === '1' ? sha('other') : null });

    expect((await failure(client().inspectManifest(requireImageRef(`${host}/app${suffix}`)))).code).toBe('REGISTRY_PROTOCOL_ERROR');
  });

  it('maps a missing manifest to REGISTRY_MANIFEST_NOT_FOUND', async () => {
    manifests.set('/v2/app/tags/list?n=1', { body: '{"tags":[]}', mediaType: 'application/json' });

    expect((await failure(client().inspectManifest(requireImageRef(`${host}/app:2`)))).code).toBe('REGISTRY_MANIFEST_NOT_FOUND');
  });

  describe('an index', () => {
    const amd = image({ annotations: { ...annotations, which: 'amd64' } });
    const arm = image({ annotations: { ...annotations, which: 'arm64' } });
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        { mediaType: OCI_MANIFEST, digest: sha(amd), size: amd.length, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: OCI_MANIFEST, digest: sha(arm), size: arm.length, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
      annotations: { which: 'index' },
    });
    beforeEach(() => {
      manifests.set('/v2/multi/manifests/1', { body: index, mediaType: OCI_INDEX });
      manifests.set(`/v2/multi/manifests/${sha(amd)}`, { body: amd, mediaType: OCI_MANIFEST });
      manifests.set(`/v2/multi/manifests/${sha(arm)}`, { body: arm, mediaType: OCI_MANIFEST });
    });

    it("reads the asked platform's child", async () => {
      const inspected = await client().inspectManifest(requireImageRef(`${host}/multi:1`), { platform: 'linux/arm64' });

      expect(inspected).toEqual({ digest: sha(arm), mediaType: OCI_MANIFEST, annotations: { ...annotations, which: 'arm64' } });
      expect(seen).toEqual(['GET /v2/multi/manifests/1 accept-all', `GET /v2/multi/manifests/${sha(arm)} accept-all`]);
    });

    it('reads the index itself without a platform', async () => {
      expect(await client().inspectManifest(requireImageRef(`${host}/multi:1`))).toEqual({ digest: sha(index), mediaType: OCI_INDEX, annotations: { which: 'index' } });
    });

    it('fails with REGISTRY_PLATFORM_NOT_FOUND for a platform it lacks', async () => {
      const error = await failure(client().inspectManifest(requireImageRef(`${host}/multi:1`), { platform: 'linux/s390x' }));

      expect(error.code).toBe('REGISTRY_PLATFORM_NOT_FOUND');
    });
  });
});
