import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startCascade, WEBHOOK_SECRET, type TestCascade } from '../support/cascade-server';
import { pushImage } from '../support/push-image';
import { startRegistry, type RunningRegistry } from '../support/registry';

// Docker Hub sends no digest: Cascade asks the registry. Here `docker.io` is served by a local
// docker-registry through the registry's `endpoint` setting (no traffic leaves 127.0.0.1).
let hub: RunningRegistry;
let cascade: TestCascade;
beforeAll(async () => {
  hub = await startRegistry();
  cascade = await startCascade({ CASCADE_REGISTRIES: JSON.stringify([{ host: 'docker.io', endpoint: hub.url, insecure: true }]) });
});
afterAll(async () => {
  await cascade.stop();
  await hub.stop();
});

const hubEvent = (repo: string, tag: string, pushedAt: number) => JSON.stringify({
  callback_url: 'https://registry.hub.docker.com/u/x/y/hook/1/',
  push_data: { pushed_at: pushedAt, pusher: 'someone', tag },
  repository: { repo_name: repo, name: repo.split('/')[1], namespace: repo.split('/')[0], status: 'Active' },
});
const send = (body: string) => fetch(`${cascade.url}/webhooks/dockerhub?secret=${WEBHOOK_SECRET}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('Docker Hub webhooks', () => {
  it('resolve the digest from the registry, then trigger with it', async () => {
    const first = await pushImage(hub.url, 'library/alpine', '3', { marker: 'alpine-1' });
    const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3\n');
    const task = await cascade.api<{ step: { baseImageDependencies: Array<{ registry: string; repository: string; digest: string }> } }>('POST', '/api/tasks', { name: 'on-alpine', images: ['docker.io/acme/app:1'], context: dir });
    expect(task.body.step.baseImageDependencies[0]).toMatchObject({ registry: 'docker.io', repository: 'library/alpine', digest: first.digest });
    const second = await pushImage(hub.url, 'library/alpine', '3', { marker: 'alpine-2' });

    const answer = await send(hubEvent('library/alpine', '3', 1_790_000_000));

    expect(answer.status).toBe(202);
    const runs = await eventually(async () => {
      const listed = (await cascade.api<Array<{ imageUpdateTrigger: { images: Array<{ digest: string; previousDigest: string }> } }>>('GET', '/api/runs?task=on-alpine')).body;
      return listed.length > 0 ? listed : undefined;
    }, 3000, 'the run');
    expect(runs[0]?.imageUpdateTrigger.images[0]).toMatchObject({ digest: second.digest, previousDigest: first.digest });
  });

  it('keep an event whose digest cannot be resolved, with the reason, for a later retry', async () => {
    const answer = await send(hubEvent('acme/never-pushed', 'latest', 1_790_000_001));

    expect(answer.status).toBe(202);
    const event = await eventually(async () => {
      const events = (await cascade.api<Array<{ ref: string; status: string; attempts: number; note: string | null }>>('GET', '/api/events')).body;
      const found = events.find((e) => e.ref === 'docker.io/acme/never-pushed:latest');
      return found && found.attempts > 0 ? found : undefined;
    }, 3000, 'a deferred event');
    expect(event).toMatchObject({ status: 'pending', attempts: 1 });
    expect(event.note).toMatch(/REGISTRY_REPOSITORY_NOT_FOUND/);
  });
});
