import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuildahBuilder } from '../../src/agent/builders/buildah-builder';
import type { BuildSpec, Builder } from '../../src/agent/builders/builder';
import { requireImageRef } from '../../src/image-ref';
import { createRegistryClient, parseRegistriesSetting, type RegistryClient } from '../../src/registry';
import { pushImage, type PushedManifest } from '../support/push-image';
import { pushIndex } from '../support/push-index';
import { startRegistry, type RunningRegistry } from '../support/registry';
import { startAnsweringServer } from './answering-server';

// buildah 1.28 (vfs, chroot isolation, as root) against Debian's docker-registry on 127.0.0.1.
const PLATFORM = `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`;
const BASE_NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';

let registry: RunningRegistry;
let storageDir: string;
let builder: Builder;
let client: RegistryClient;
let base: PushedManifest;
const contexts: string[] = [];

const storage = () => ({ root: join(storageDir, 'root'), runroot: join(storageDir, 'runroot') });
const buildahContainers = () => execFileSync('buildah', ['--storage-driver', 'vfs', '--root', storage().root, '--runroot', storage().runroot, 'containers', '-q']).toString().trim();

function context(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-e2e-context-'));
  contexts.push(dir);
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

function spec(contextDir: string, images: string[], extra: Partial<BuildSpec> = {}): BuildSpec {
  return { contextDir, dockerfile: 'Dockerfile', images, buildArgs: {}, target: null, platform: PLATFORM, timeoutMs: 60_000, ...extra };
}

beforeAll(async () => {
  registry = await startRegistry();
  storageDir = mkdtempSync(join(tmpdir(), 'cascade-buildah-'));
  builder = createBuildahBuilder({ ...storage(), insecureRegistries: [registry.host] });
  client = createRegistryClient({
    registries: parseRegistriesSetting(JSON.stringify([{ host: registry.host, insecure: true }])),
    timeoutMs: 5000,
    azureCredential: () => { throw new Error('no acr registry here'); },
  });
  base = await pushImage(registry.url, 'base', '1', { marker: 'base-1' });
});
afterAll(async () => {
  await registry.stop();
  for (const dir of [storageDir, ...contexts]) rmSync(dir, { recursive: true, force: true });
});

describe('createBuildahBuilder', () => {
  it('builds, pushes every tag, and the pushed manifest names its base', async () => {
    const images = [`${registry.host}/app:1`, `${registry.host}/app:latest`];

    const outcome = await builder.build(spec(context(`FROM ${registry.host}/base:1\nRUN echo hi > /hello\n`), images));

    expect(outcome).toEqual({ status: 'Succeeded', log: expect.stringContaining('COMMIT') });
    const [one, latest] = await Promise.all(images.map((image) => client.inspectManifest(requireImageRef(image), { platform: PLATFORM })));
    expect(latest?.digest).toBe(one?.digest);
    expect(one?.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(one?.annotations[BASE_DIGEST]).toBe(base.digest);
    expect(one?.annotations[BASE_NAME]).toBe(`${registry.host}/base:1`);
    expect(buildahContainers()).toBe('');
  });

  it("records the platform child's digest, not the index's, for an index base", async () => {
    const index = await pushIndex(registry.url, 'multi', '1', { platforms: [{ platform: 'linux/amd64', marker: 'a' }, { platform: 'linux/arm64', marker: 'b' }] });

    const outcome = await builder.build(spec(context(`FROM ${registry.host}/multi:1\nRUN echo hi > /hello\n`), [`${registry.host}/from-multi:1`]));

    expect(outcome.status).toBe('Succeeded');
    const pushed = await client.inspectManifest(requireImageRef(`${registry.host}/from-multi:1`));
    expect(pushed.annotations[BASE_DIGEST]).toBe(index.children.find((child) => child.platform === PLATFORM)?.digest);
    expect(pushed.annotations[BASE_DIGEST]).not.toBe(index.digest);
  });

  it('builds a multi-platform image as an index with a child per platform, each naming its base child, and leaves nothing behind', async () => {
    const index = await pushIndex(registry.url, 'multi2', '1', { platforms: [{ platform: 'linux/amd64', marker: 'c' }, { platform: 'linux/arm64', marker: 'd' }] });
    const images = [`${registry.host}/both:1`, `${registry.host}/both:latest`];

    // No RUN: a foreign architecture's RUN needs qemu, which this machine lacks.
    const outcome = await builder.build(spec(context(`FROM ${registry.host}/multi2:1\nCOPY Dockerfile /Dockerfile\n`), images, { platform: 'linux/amd64,linux/arm64' }));

    expect(outcome.status === 'Succeeded' ? outcome : outcome.log.slice(-1500)).toMatchObject({ status: 'Succeeded' });
    for (const image of images) {
      const resolved = await client.resolveDigest(requireImageRef(image), { platform: 'linux/arm64' });
      expect(resolved.platforms?.map((p) => p.platform).sort()).toEqual(['linux/amd64', 'linux/arm64/v8']);
    }
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const child = await client.inspectManifest(requireImageRef(images[0]!), { platform });
      expect(child.annotations[BASE_DIGEST]).toBe(index.children.find((c) => c.platform === platform)?.digest);
    }
    const images_ = execFileSync('buildah', ['--storage-driver', 'vfs', '--root', storage().root, '--runroot', storage().runroot, 'images', '--format', '{{.Name}}']).toString();
    expect(images_).not.toMatch(/cascade-build-/);
    expect(buildahContainers()).toBe('');
  });

  it('passes build args to the build', async () => {
    // The pattern matches the value without spelling it, so the log check below means something.
    const dockerfile = `FROM ${registry.host}/base:1\nARG MSG\nRUN echo $MSG > /m && grep -qx 'hello.ar.' /m\n`;

    const outcome = await builder.build(spec(context(dockerfile), [`${registry.host}/args:1`], { buildArgs: { MSG: 'hello arg' } }));

    expect(outcome.status).toBe('Succeeded');
    expect(outcome.log).toContain('--build-arg MSG=…');
    expect(outcome.log).not.toContain('hello arg');
  });

  it('builds only up to --target', async () => {
    const dockerfile = `FROM ${registry.host}/base:1 AS one\nRUN echo one > /stage\nFROM one AS two\nRUN false\n`;

    const outcome = await builder.build(spec(context(dockerfile), [`${registry.host}/target:1`], { target: 'one' }));

    expect(outcome.status).toBe('Succeeded');
  });

  it('reports a failing step as Failed, with the step in the log tail', async () => {
    const outcome = await builder.build(spec(context(`FROM ${registry.host}/base:1\nRUN echo before\nRUN false\n`), [`${registry.host}/broken:1`]));

    expect(outcome).toMatchObject({ status: 'Failed', retryable: false, reason: 'the build failed: building at STEP "RUN false": exit status 1' });
    expect(outcome.log.slice(-500)).toContain('STEP 3/3: RUN false');
  });

  it('reports a base that does not exist as Failed', async () => {
    const outcome = await builder.build(spec(context(`FROM ${registry.host}/nothing:1\n`), [`${registry.host}/orphan:1`]));

    expect(outcome).toMatchObject({ status: 'Failed', retryable: false });
    expect(outcome.status !== 'Succeeded' && outcome.reason).toContain('manifest unknown');
  });

  it('ends a build that runs past its timeout, leaving no working container', async () => {
    const started = Date.now();

    const outcome = await builder.build(spec(context(`FROM ${registry.host}/base:1\nRUN sleep 60\n`), [`${registry.host}/slow:1`], { timeoutMs: 3000 }));

    expect(outcome).toMatchObject({ status: 'Timeout', retryable: false, reason: 'the build did not finish within 3 s' });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(buildahContainers()).toBe('');
  });

  it('ends a cancelled build as a retryable Error', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);

    const outcome = await builder.build(spec(context(`FROM ${registry.host}/base:1\nRUN sleep 60\n`), [`${registry.host}/cancelled:1`], { signal: controller.signal }));

    expect(outcome).toMatchObject({ status: 'Error', retryable: true, reason: 'the build was cancelled' });
  });

  it.each([
    [503, true, {}, /pushing 127\.0\.0\.1:\d+\/app:1 failed for now: .*503/],
    [401, false, { 'www-authenticate': 'Basic realm="r"' }, /the registry refused pushing .*authentication required/],
  ])('reports a push answered %s as Error, retryable %s', async (status, retryable, headers, reason) => {
    const target = await startAnsweringServer(status, headers);
    const pushing = createBuildahBuilder({ ...storage(), insecureRegistries: [registry.host, target.host] });

    const outcome = await pushing.build(spec(context(`FROM ${registry.host}/base:1\n`), [`${target.host}/app:1`]));
    await target.close();

    expect(outcome).toMatchObject({ status: 'Error', retryable });
    expect(outcome.status !== 'Succeeded' && outcome.reason).toMatch(reason);
  });
});
