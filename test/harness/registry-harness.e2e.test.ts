import { deleteManifest } from '../support/delete-manifest';
import { startEventSink, type EventSink } from '../support/event-sink';
import { headManifest } from '../support/head-manifest';
import { MANIFEST_ACCEPT, MEDIA_TYPES } from '../support/media-types';
import { pushImage } from '../support/push-image';
import { pushIndex } from '../support/push-index';
import { startRegistry, type RunningRegistry } from '../support/registry';

describe('plain registry', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.stop();
  });

  it.each(['oci', 'docker'] as const)('pushes a %s image whose digest a HEAD returns', async (format) => {
    const pushed = await pushImage(registry.url, `demo/${format}`, 'v1', { format });

    const head = await headManifest(registry.url, `demo/${format}`, 'v1');

    expect(pushed.mediaType).toBe(format === 'oci' ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest);
    expect(head).toEqual({ status: 200, digest: pushed.digest, mediaType: pushed.mediaType });
  });

  it('gives the same digest for the same marker and another for another marker', async () => {
    const first = await pushImage(registry.url, 'demo/markers', 'a', { marker: 'one' });
    const again = await pushImage(registry.url, 'demo/markers', 'b', { marker: 'one' });
    const other = await pushImage(registry.url, 'demo/markers', 'c', { marker: 'two' });

    expect(again.digest).toBe(first.digest);
    expect(other.digest).not.toBe(first.digest);
  });

  it('pushes a two-platform OCI index with attestation manifests', async () => {
    const pushed = await pushIndex(registry.url, 'demo/multi', 'latest', {
      platforms: [{ platform: 'linux/amd64', marker: 'm' }, { platform: 'linux/arm64/v8', marker: 'm' }],
      attestation: true,
    });

    const response = await fetch(`${registry.url}/v2/demo/multi/manifests/latest`, { headers: { Accept: MANIFEST_ACCEPT } });
    const index = (await response.json()) as { manifests: { digest: string; platform: Record<string, string>; annotations?: Record<string, string> }[] };

    expect(response.headers.get('docker-content-digest')).toBe(pushed.digest);
    expect(index.manifests.map((m) => m.platform)).toEqual([
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'unknown', architecture: 'unknown' },
      { os: 'unknown', architecture: 'unknown' },
    ]);
    expect(index.manifests[2]?.annotations).toEqual({
      'vnd.docker.reference.digest': pushed.children[0]?.digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    });
    for (const child of [...pushed.children, ...pushed.attestations]) {
      expect((await headManifest(registry.url, 'demo/multi', child.digest)).status).toBe(200);
    }
  });

  it('pushes a Docker manifest list', async () => {
    const pushed = await pushIndex(registry.url, 'demo/list', 'latest', {
      platforms: [{ platform: 'linux/amd64' }, { platform: 'linux/arm/v7' }], format: 'docker',
    });

    const head = await headManifest(registry.url, 'demo/list', 'latest');

    expect(head).toEqual({ status: 200, digest: pushed.digest, mediaType: MEDIA_TYPES.dockerList });
  });

  it('deletes a manifest by digest', async () => {
    const pushed = await pushImage(registry.url, 'demo/deleted', 'v1', { marker: 'deleted' });

    await deleteManifest(registry.url, 'demo/deleted', pushed.digest);

    expect((await headManifest(registry.url, 'demo/deleted', 'v1')).status).toBe(404);
  });

  it('keeps its data across restart()', async () => {
    const pushed = await pushImage(registry.url, 'demo/restart', 'v1', { marker: 'restart' });

    await registry.restart();

    expect(await headManifest(registry.url, 'demo/restart', 'v1')).toMatchObject({ status: 200, digest: pushed.digest });
  });
});

describe('registry notifications', () => {
  let sink: EventSink;
  let registry: RunningRegistry;
  beforeAll(async () => {
    sink = await startEventSink();
    registry = await startRegistry({ notifications: { url: sink.url, headers: { Authorization: ['Bearer x'] } } });
  });
  afterAll(async () => {
    await registry.stop();
    await sink.stop();
  });

  it('posts a push event for a tagged manifest with the configured headers', async () => {
    const pushed = await pushImage(registry.url, 'notified', 'v1', { marker: 'notified' });

    const event = await sink.waitForEvent((e) => e.action === 'push' && (e.target as { tag?: string }).tag === 'v1');

    expect(event.target).toMatchObject({ repository: 'notified', tag: 'v1', digest: pushed.digest, mediaType: pushed.mediaType });
    const envelope = sink.received.find((r) => r.events.includes(event));
    expect(envelope?.headers['content-type']).toBe('application/vnd.docker.distribution.events.v1+json');
    expect(envelope?.headers.authorization).toBe('Bearer x');
  });
});
