import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireImageRef } from '../../image-ref';
import { OCI_INDEX, OCI_MANIFEST } from '../media-types';
import { parseRegistriesSetting } from '../registry-settings';
import { createOciRegistryClient } from './create-oci-registry-client';

// `listPlatforms` against a scripted registry on 127.0.0.1: real sockets, real fetch.
const sha = (body: string) => `sha256:${createHash('sha256').update(body).digest('hex')}`;
const AMD = `sha256:${'a'.repeat(64)}`;
const ARM = `sha256:${'b'.repeat(64)}`;
const ATTESTATION = `sha256:${'c'.repeat(64)}`;
const INDEX = JSON.stringify({
  schemaVersion: 2,
  mediaType: OCI_INDEX,
  manifests: [
    { mediaType: OCI_MANIFEST, digest: AMD, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
    { mediaType: OCI_MANIFEST, digest: ARM, size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    { mediaType: OCI_MANIFEST, digest: ATTESTATION, size: 1, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
  ],
});
const IMAGE = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: {}, layers: [] });
const bodies = new Map([[sha(INDEX), INDEX], [sha(IMAGE), IMAGE]]);

let server: Server;
let host: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    const body = bodies.get(req.url?.split('/').at(-1) ?? '');
    if (body === undefined) return res.writeHead(404).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
    return res.writeHead(200, { 'content-type': JSON.parse(body).mediaType }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
});

function client() {
  const [settings] = parseRegistriesSetting(JSON.stringify([{ host, insecure: true }]));
  return createOciRegistryClient({ settings: settings!, timeoutMs: 2000 });
}

describe('listPlatforms', () => {
  it('GETs the index once by digest and returns its real platforms, without attestations', async () => {
    const platforms = await client().listPlatforms(requireImageRef(`${host}/base@${sha(INDEX)}`));

    expect(platforms).toEqual([
      { platform: 'linux/amd64', digest: AMD, mediaType: OCI_MANIFEST },
      { platform: 'linux/arm64/v8', digest: ARM, mediaType: OCI_MANIFEST },
    ]);
    expect(seen).toEqual([`GET /v2/base/manifests/${sha(INDEX)}`]);
  });

  it('returns null for a single image', async () => {
    expect(await client().listPlatforms(requireImageRef(`${host}/base@${sha(IMAGE)}`))).toBeNull();
  });
});
