import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { TokenCredential } from '@azure/identity';
import { isCascadeError } from '../../errors';
import { requireImageRef } from '../../image-ref';
import { OCI_INDEX, OCI_MANIFEST } from '../media-types';
import { parseRegistriesSetting } from '../registry-settings';
import { createAcrRegistryClient, type AcrRegistryClientDeps } from './create-acr-registry-client';

// The real SDK over a scripted transport (its `httpClient` port): the SDK's requests and
// digest check run for real; only the socket is replaced.
type HttpClient = NonNullable<AcrRegistryClientDeps['httpClient']>;
type Answer = { status: number; body: string; mediaType: string; digest?: string };

const HOST = 'cascadetest.azurecr.io';
const sha = (body: string) => `sha256:${createHash('sha256').update(body).digest('hex')}`;
const seen: string[] = [];
let answers: Map<string, Answer>;

const httpClient: HttpClient = {
  async sendRequest(request) {
    const path = decodeURIComponent(new URL(request.url).pathname);
    seen.push(`${request.method} ${path}`);
    const answer = answers.get(path) ?? { status: 404, body: JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }), mediaType: 'application/json' };
    const headers = new Map<string, string>([['content-type', answer.mediaType]]);
    if (answer.status === 200) headers.set('docker-content-digest', answer.digest ?? sha(answer.body));
    return {
      request,
      status: answer.status,
      headers: {
        get: (name: string) => headers.get(name.toLowerCase()),
        has: (name: string) => headers.has(name.toLowerCase()),
        set: (name: string, value: string | number | boolean) => void headers.set(name.toLowerCase(), String(value)),
        delete: (name: string) => void headers.delete(name.toLowerCase()),
        toJSON: () => Object.fromEntries(headers),
        [Symbol.iterator]: () => headers.entries(),
      },
      bodyAsText: answer.body,
      readableStreamBody: Readable.from([Buffer.from(answer.body)]),
    };
  },
};
const credential: TokenCredential = { getToken: async () => { throw new Error('the scripted registry asks for no token'); } };

function client() {
  const [settings] = parseRegistriesSetting(JSON.stringify([{ host: HOST }]));
  return createAcrRegistryClient({ settings: settings!, credential, timeoutMs: 2000, httpClient });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isCascadeError(error)) throw new Error(`expected a CascadeError, got ${String(error)}`);
  return error;
}

const annotations = { 'org.opencontainers.image.base.name': `${HOST}/base:1`, 'org.opencontainers.image.base.digest': `sha256:${'b'.repeat(64)}` };
const amd = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: {}, layers: [], annotations });
const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: sha(amd), size: amd.length, platform: { os: 'linux', architecture: 'amd64' } }] });

beforeEach(() => {
  seen.length = 0;
  answers = new Map([
    ['/v2/app/manifests/1', { status: 200, body: amd, mediaType: OCI_MANIFEST }],
    ['/v2/multi/manifests/1', { status: 200, body: index, mediaType: OCI_INDEX }],
    [`/v2/multi/manifests/${sha(amd)}`, { status: 200, body: amd, mediaType: OCI_MANIFEST }],
  ]);
});

describe('createAcrRegistryClient inspectManifest', () => {
  it('returns the annotations of a tagged manifest', async () => {
    expect(await client().inspectManifest(requireImageRef(`${HOST}/app:1`))).toEqual({ digest: sha(amd), mediaType: OCI_MANIFEST, annotations });
  });

  it("reads an index's platform child", async () => {
    const inspected = await client().inspectManifest(requireImageRef(`${HOST}/multi:1`), { platform: 'linux/amd64' });

    expect(inspected).toEqual({ digest: sha(amd), mediaType: OCI_MANIFEST, annotations });
    expect(seen).toEqual(['GET /v2/multi/manifests/1', `GET /v2/multi/manifests/${sha(amd)}`]);
  });

  it('maps the SDK digest check to REGISTRY_PROTOCOL_ERROR', async () => {
    answers.set('/v2/app/manifests/1', { status: 200, body: amd, mediaType: OCI_MANIFEST, digest: sha('other') });

    expect((await failure(client().inspectManifest(requireImageRef(`${HOST}/app:1`)))).code).toBe('REGISTRY_PROTOCOL_ERROR');
  });

  it('maps a missing manifest to REGISTRY_MANIFEST_NOT_FOUND', async () => {
    expect((await failure(client().inspectManifest(requireImageRef(`${HOST}/app:2`)))).code).toBe('REGISTRY_MANIFEST_NOT_FOUND');
  });
});
